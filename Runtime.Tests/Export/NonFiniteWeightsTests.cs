using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Tests.Export.Models;
using QuickDrawDsl.Runtime.Tests.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Export;

/// <summary>
/// Export refuses a model whose weights hold NaN or ±∞ (a diverged run): <see cref="ExportChecks.EnsureFiniteWeights"/>
/// names the weight and the count, and the generated <c>ExportOnnx</c> throws before writing, leaving an existing
/// model file as it was.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class NonFiniteWeightsTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "qd-nonfinite-export-" + Guid.NewGuid().ToString("N"));

    public NonFiniteWeightsTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData(float.NaN, 1)]
    [InlineData(float.PositiveInfinity, 2)]
    [InlineData(float.NegativeInfinity, 3)]
    public void ExportRefusesNonFiniteWeights(float bad, int count)
    {
        using var model = new MeanPoolRegressor(new MeanPoolRegressorOptions { Outputs = 4 });
        model.eval();
        string path = Path.Combine(dir, "model.onnx");

        // A finite model passes the check and exports.
        ExportChecks.EnsureFiniteWeights(model);
        model.ExportOnnx(path);
        byte[] good = File.ReadAllBytes(path);
        good.Length.ShouldBeGreaterThan(100);

        (string name, Parameter weight) = model.named_parameters().Last();
        using (no_grad())
        using (NewDisposeScope())
        {
            Tensor flat = weight.view(-1);
            for (int i = 0; i < count; i++)
            {
                flat[i].fill_(bad);
            }
        }

        NonFiniteWeightsException checkError = Should.Throw<NonFiniteWeightsException>(() => ExportChecks.EnsureFiniteWeights(model));
        checkError.Weight.ShouldBe(name);
        checkError.Count.ShouldBe(count);
        checkError.Message.ShouldStartWith($"export refused: weight '{name}' holds {count} NaN or infinite values");

        NonFiniteWeightsException exportError = Should.Throw<NonFiniteWeightsException>(() => model.ExportOnnx(path));
        exportError.Count.ShouldBe(count);
        File.ReadAllBytes(path).SequenceEqual(good).ShouldBeTrue("the existing model.onnx was changed");
        Directory.GetFiles(dir).ShouldBe(new[] { path });
    }

    [Fact]
    public void FiniteExtremesAreAccepted()
    {
        using var model = new MeanPoolRegressor(new MeanPoolRegressorOptions { Outputs = 4 });
        (string _, Parameter weight) = model.named_parameters().First();
        using (no_grad())
        using (NewDisposeScope())
        {
            weight.view(-1)[0].fill_(float.MaxValue);
        }

        ExportChecks.EnsureFiniteWeights(model);
        Should.NotThrow(() => model.ToOnnx());
    }
}
