using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Archetypes;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Benchmarks.Inference;

/// <summary>
/// Latency of the QuickDraw classifier in TorchSharp eager mode and in ONNX Runtime, side by side, at batch 1 and 64:
/// per-call p50/p99 over many calls, and samples per second. Prints a Markdown table.
/// </summary>
public static class InferenceLatency
{
    public static int Run(TextWriter output, int timeSteps = 64, int calls = 400)
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(2);
        torch.random.manual_seed(1);
        using var model = new QuickDrawClassifier();
        model.eval();
        string path = Path.Combine(Path.GetTempPath(), "qd-latency.onnx");
        model.ExportOnnx(path);
        using var predictor = new OnnxPredictor(path, new OnnxPredictorOptions { IntraOpThreads = 2 });

        output.WriteLine($"QuickDraw classifier ({QuickDrawClassifier.ParameterCount:N0} parameters), input [B, {timeSteps}, 3], {calls} timed calls after 20 warm-up calls, 2 threads.");
        output.WriteLine();
        output.WriteLine("| engine | batch | p50 (ms) | p99 (ms) | samples/s | p50 ratio vs TorchSharp |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (int batch in new[] { 1, 64 })
        {
            using var scope = NewDisposeScope();
            Tensor input = randn(batch, timeSteps, 3);
            double[] eager = Time(calls, () =>
            {
                using var inner = NewDisposeScope();
                using var noGrad = no_grad();
                _ = model.call(input).data<float>()[0];
            });
            double[] onnx = Time(calls, () =>
            {
                using var inner = NewDisposeScope();
                _ = predictor.Predict(input, null).data<float>()[0];
            });
            double eagerP50 = Percentile(eager, 50);
            Row(output, "TorchSharp eager", batch, eager, eagerP50);
            Row(output, "ONNX Runtime", batch, onnx, eagerP50);
        }

        File.Delete(path);
        return 0;
    }

    private static double[] Time(int calls, Action call)
    {
        for (int i = 0; i < 20; i++)
        {
            call();
        }

        var times = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p / 100 * sorted.Count) - 1)];

    private static void Row(TextWriter output, string engine, int batch, double[] times, double baselineP50)
    {
        double p50 = Percentile(times, 50);
        double p99 = Percentile(times, 99);
        double throughput = batch * 1000.0 / times.Average();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {engine} | {batch} | {p50:F3} | {p99:F3} | {throughput:N0} | {p50 / baselineP50:F2} |"));
    }
}
