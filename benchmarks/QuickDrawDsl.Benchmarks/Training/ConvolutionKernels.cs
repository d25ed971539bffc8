using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using QuickDrawDsl.Examples.Archetypes;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Benchmarks.Training;

/// <summary>
/// CPU convolutions with libtorch's oneDNN kernels against its im2col + GEMM kernels (what <see cref="CpuKernels"/>
/// switches to where oneDNN is wrong), side by side in one process: the switch is flipped before every timed round, the
/// two alternate round by round and the best round of each counts. Each row also says how far each kernel is from a
/// float64 result, so a fast row that is wrong shows as wrong.
/// </summary>
public static class ConvolutionKernels
{
    /// <summary>Writes one table row per convolution shape and mode (training step, inference), then the WaveNet archetype.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="repeats">Timed rounds per kernel, alternating.</param>
    /// <param name="batchSize">Sequences per batch.</param>
    /// <param name="threads">libtorch threads.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(TextWriter output, int repeats, int batchSize, int threads)
    {
        ArgumentNullException.ThrowIfNull(output);
        TorchNative.EnsureLoaded();
        bool? initial = CpuKernels.OneDnnEnabled;
        if (initial is null)
        {
            output.WriteLine("This libtorch build does not expose the oneDNN switch; nothing to compare.");
            return 1;
        }

        torch.set_num_threads(threads);
        output.WriteLine($"At load: {CpuKernels.Decision}.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Batch {batchSize}, {threads} libtorch thread(s), best of {repeats} rounds per kernel, oneDNN and im2col + GEMM alternating round by round."));
        output.WriteLine();
        output.WriteLine("| convolution | pass | oneDNN ms | im2col + GEMM ms | GEMM / oneDNN | oneDNN max error | GEMM max error |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        try
        {
            foreach (Shape shape in Shapes())
            {
                foreach (bool training in new[] { true, false })
                {
                    using var scope = NewDisposeScope();
                    torch.random.manual_seed(1);
                    Tensor x = randn(batchSize, shape.In, shape.Length);
                    Tensor w = randn(shape.Out, shape.In, shape.Kernel).mul(1.0 / Math.Sqrt(shape.In * shape.Kernel));
                    Tensor b = randn(shape.Out);
                    Tensor exact = nn.functional.conv1d(x.to_type(ScalarType.Float64), w.to_type(ScalarType.Float64), b.to_type(ScalarType.Float64), dilation: shape.Dilation);
                    double oneDnnError = Error(x, w, b, shape, exact, oneDnn: true);
                    double gemmError = Error(x, w, b, shape, exact, oneDnn: false);
                    (double oneDnn, double gemm) = Alternate(repeats, () => Step(x, w, b, shape, training));
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| conv1d {shape.In} → {shape.Out}, kernel {shape.Kernel}, dilation {shape.Dilation}, length {shape.Length} | {(training ? "forward + backward" : "forward, no_grad")} | {oneDnn:F3} | {gemm:F3} | {gemm / oneDnn:F2}× | {Format(oneDnnError)} | {Format(gemmError)} |"));
                }
            }

            using (var scope = NewDisposeScope())
            {
                torch.random.manual_seed(1);
                using var model = new WaveNetForecaster();
                Tensor x = randn(batchSize, 56, 1);
                (double oneDnn, double gemm) = Alternate(repeats, () =>
                {
                    using var step = NewDisposeScope();
                    model.zero_grad();
                    model.call(x).square().mean().backward();
                });
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| WaveNetForecaster archetype (8 causal conv1d 32 → 32 + 1×1), length 56 | forward + backward | {oneDnn:F3} | {gemm:F3} | {gemm / oneDnn:F2}× | – | – |"));
            }
        }
        finally
        {
            CpuKernels.UseOneDnn(initial.Value);
        }

        return 0;
    }

    private static IEnumerable<Shape> Shapes()
    {
        yield return new Shape(1, 32, 2, 1, 56);   // a WaveNet's first layer on one series
        yield return new Shape(32, 32, 2, 4, 56);  // a WaveNet layer (the 3rd edition's 32 filters)
        yield return new Shape(20, 20, 2, 4, 56);  // the 2nd edition's 20 filters, wrong under oneDNN here
        yield return new Shape(5, 32, 7, 1, 56);   // the forecasting example's Conv1D front end
        yield return new Shape(48, 64, 5, 1, 64);  // a stroke classifier's middle convolution
    }

    private static (double OneDnn, double Gemm) Alternate(int repeats, Action step)
    {
        double oneDnn = double.MaxValue, gemm = double.MaxValue;
        for (int round = 0; round <= repeats; round++)
        {
            foreach (bool useOneDnn in new[] { true, false })
            {
                CpuKernels.UseOneDnn(useOneDnn);
                double ms = Time(step);
                if (round == 0)
                {
                    continue; // warm-up round for both
                }

                if (useOneDnn)
                {
                    oneDnn = Math.Min(oneDnn, ms);
                }
                else
                {
                    gemm = Math.Min(gemm, ms);
                }
            }
        }

        return (oneDnn, gemm);
    }

    // Milliseconds per call, over enough calls to take about 0.2 s.
    private static double Time(Action step)
    {
        step();
        int calls = 0;
        var clock = Stopwatch.StartNew();
        while (calls < 5 || clock.Elapsed.TotalSeconds < 0.2)
        {
            step();
            calls++;
        }

        return clock.Elapsed.TotalMilliseconds / calls;
    }

    private static void Step(Tensor x, Tensor w, Tensor b, Shape shape, bool training)
    {
        using var scope = NewDisposeScope();
        if (!training)
        {
            using var noGrad = no_grad();
            nn.functional.conv1d(x, w, b, dilation: shape.Dilation);
            return;
        }

        Tensor xg = x.detach().requires_grad_(true), wg = w.detach().requires_grad_(true), bg = b.detach().requires_grad_(true);
        nn.functional.conv1d(xg, wg, bg, dilation: shape.Dilation).sum().backward();
    }

    private static double Error(Tensor x, Tensor w, Tensor b, Shape shape, Tensor exact, bool oneDnn)
    {
        CpuKernels.UseOneDnn(oneDnn);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double error = (nn.functional.conv1d(x, w, b, dilation: shape.Dilation).to_type(ScalarType.Float64) - exact).abs().max().item<double>();
        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }

    private static string Format(double error)
    {
        return double.IsPositiveInfinity(error) ? "NaN" : error.ToString("0.0e+0", CultureInfo.InvariantCulture);
    }

    private readonly record struct Shape(int In, int Out, int Kernel, int Dilation, int Length);
}
