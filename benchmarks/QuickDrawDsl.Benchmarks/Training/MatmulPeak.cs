using System;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Benchmarks.Training;

/// <summary>
/// The machine's practical fp32 limit: GFLOP/s of a square matrix multiply through libtorch (the same BLAS the
/// model's layers call), best of several calls so that a noisy neighbour does not lower the bar.
/// </summary>
public static class MatmulPeak
{
    /// <summary>Measures <c>2 n³ / t</c> for <c>[n, n] @ [n, n]</c> on the current libtorch thread count.</summary>
    /// <param name="n">Matrix size; 1024 is large enough to reach the BLAS plateau on a 2-core machine.</param>
    /// <param name="calls">Timed calls after three warm-up calls.</param>
    /// <returns>The best and the median GFLOP/s over <paramref name="calls"/>.</returns>
    public static (double Best, double Median) Measure(int n = 1024, int calls = 20)
    {
        using var scope = NewDisposeScope();
        Tensor a = randn(n, n), b = randn(n, n);
        for (int i = 0; i < 3; i++)
        {
            using Tensor warm = a.matmul(b);
        }

        var rates = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using Tensor c = a.matmul(b);
            rates[i] = 2.0 * n * n * n / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9;
        }

        Array.Sort(rates);
        return (rates[^1], rates[calls / 2]);
    }
}
