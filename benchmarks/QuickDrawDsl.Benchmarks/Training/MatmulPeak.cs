using System;
using System.Diagnostics;
using static TorchSharp.torch;

namespace QuickDrawDsl.Benchmarks.Training;

/// <summary>
/// fp32 matrix-multiply GFLOP/s through libtorch (the same BLAS the model's layers call), best of several calls so
/// that a noisy neighbour does not lower the bar: the machine's practical limit for a large square product, and the
/// rate at the small shapes a recurrent step actually multiplies.
/// </summary>
public static class MatmulPeak
{
    /// <summary>Measures <c>2 m k n / t</c> for <c>[m, k] @ [k, n]</c> on the current libtorch thread count.</summary>
    /// <param name="m">Rows of the left operand (the batch, for a recurrent step).</param>
    /// <param name="k">The shared dimension.</param>
    /// <param name="n">Columns of the right operand.</param>
    /// <param name="minimumSeconds">Keep calling until this much time was measured (at least 20 calls).</param>
    /// <returns>The best and the median GFLOP/s, each over batches of calls long enough for the clock.</returns>
    public static (double Best, double Median) Measure(int m, int k, int n, double minimumSeconds = 0.5)
    {
        using var scope = NewDisposeScope();
        Tensor a = randn(m, k), b = randn(k, n);
        double flops = 2.0 * m * k * n;

        // Small products take microseconds: time groups of calls so each sample is well above the clock's resolution.
        int perSample = Math.Max(1, (int)(2e7 / flops));
        for (int i = 0; i < 3 * perSample; i++)
        {
            using Tensor warm = a.matmul(b);
        }

        var rates = new System.Collections.Generic.List<double>();
        var total = Stopwatch.StartNew();
        while (rates.Count < 20 || total.Elapsed.TotalSeconds < minimumSeconds)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < perSample; i++)
            {
                using Tensor c = a.matmul(b);
            }

            rates.Add(flops * perSample / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9);
        }

        rates.Sort();
        return (rates[^1], rates[rates.Count / 2]);
    }
}
