using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Export;

/// <summary>Runs a built graph in ONNX Runtime and compares it with TorchSharp.</summary>
internal static class OnnxParity
{
    public const double Tolerance = 1e-4;

    public static void Seed(int seed)
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(seed);
    }

    public static IReadOnlyDictionary<string, Tensor> Run(byte[] model, params (string Name, Tensor Value)[] inputs)
    {
        using var predictor = new OnnxPredictor(model);
        return predictor.Run(inputs.ToDictionary(i => i.Name, i => i.Value));
    }

    public static Tensor RunSingle(OnnxGraphBuilder builder, params (string Name, Tensor Value)[] inputs)
        => Run(builder.ToBytes(), inputs).Values.Single();

    public static double MaxAbsDiff(Tensor actual, Tensor expected)
    {
        actual.shape.ShouldBe(expected.shape, $"shape [{string.Join(", ", actual.shape)}] vs [{string.Join(", ", expected.shape)}]");
        if (actual.numel() == 0)
        {
            return 0;
        }

        return (actual.to_type(ScalarType.Float64) - expected.detach().to_type(ScalarType.Float64)).abs().max().item<double>();
    }

    public static void ShouldMatch(Tensor actual, Tensor expected, double tolerance = Tolerance)
    {
        double diff = MaxAbsDiff(actual, expected);
        LogParity(diff, expected.shape);
        diff.ShouldBeLessThanOrEqualTo(tolerance);
        // A parity test that compares zeros with zeros proves nothing.
        expected.abs().max().item<float>().ShouldBeGreaterThan(1e-3f);
    }

    /// <summary>With QD_PARITY_LOG=path, appends "test shape maxAbsDiff" lines (how the figures in the report were measured).</summary>
    private static void LogParity(double diff, long[] shape)
    {
        string? path = Environment.GetEnvironmentVariable("QD_PARITY_LOG");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        string test = new System.Diagnostics.StackTrace().GetFrames()
            .Select(f => f.GetMethod())
            .Where(m => m?.DeclaringType?.Name.EndsWith("Tests", StringComparison.Ordinal) == true)
            .Select(m => m!.DeclaringType!.Name + "." + m.Name)
            .FirstOrDefault() ?? "?";
        lock (LogGate)
        {
            System.IO.File.AppendAllText(path, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{test} [{string.Join(",", shape)}] {diff:E2}\n"));
        }
    }

    private static readonly object LogGate = new();

    /// <summary>Builds a one-input, one-output graph: input "x" with the given dims, output "y".</summary>
    public static OnnxGraphBuilder Graph(Func<OnnxGraphBuilder, OnnxValue, OnnxValue> body, params OnnxDim[] dims)
    {
        var builder = new OnnxGraphBuilder("test");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, dims);
        OnnxValue y = body(builder, x);
        builder.AddOutput(y, "y");
        return builder;
    }

    /// <summary>Exports <paramref name="builder"/>'s graph once with dynamic dims and checks it against <paramref name="reference"/> on every input.</summary>
    public static void Check(OnnxGraphBuilder builder, Func<Tensor, Tensor> reference, params Tensor[] inputs)
    {
        byte[] model = builder.ToBytes();
        using var predictor = new OnnxPredictor(model);
        foreach (Tensor input in inputs)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor expected;
            using (no_grad())
            {
                expected = reference(input);
            }

            Tensor actual = predictor.Run(new Dictionary<string, Tensor> { ["x"] = input })["y"];
            ShouldMatch(actual, expected);
        }
    }
}
