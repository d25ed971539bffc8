using System;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Native;

/// <summary>
/// Runs the convolutions that libtorch 2.10's oneDNN kernels got wrong on an AVX-512 machine (see README, Troubleshooting)
/// in float32 and compares them with the same convolutions in float64, which oneDNN never takes. Inputs are fixed
/// waves, not random draws, so the check leaves the caller's random state untouched. Only conv1d runs here: libtorch
/// lowers it to the same 2D kernels, and a conv2d would make libtorch try NNPACK, which prints a warning on every
/// machine where it cannot initialise.
/// </summary>
internal static class OneDnnSelfCheck
{
    /// <summary>Largest difference an exact float32 kernel shows on these inputs is ~1e-5; oneDNN's faults were 2 to 20 or NaN.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>Runs every case with the current kernels.</summary>
    /// <returns>The worst case: its description and its largest absolute difference (infinity for NaN).</returns>
    public static (string Case, double Error) Run()
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        (string Case, double Error) worst = ("none", 0);
        foreach ((string name, double error) in new[]
        {
            ("conv1d 20 -> 20 channels, kernel 3, dilation 2", Conv(20, 20, 3, 2)),
            ("conv1d 16 -> 1 channel, kernel 2 (gradients)", Conv(16, 1, 2, 1)),
            ("conv1d 24 -> 8 channels, kernel 5", Conv(24, 8, 5, 1)),
        })
        {
            if (double.IsNaN(error) || error > worst.Error)
            {
                worst = (name, double.IsNaN(error) ? double.PositiveInfinity : error);
            }
        }

        return worst;
    }

    /// <summary>The largest difference between float32 and float64 in the output and in the input and weight gradients.</summary>
    private static double Conv(int inChannels, int outChannels, int kernel, int dilation)
    {
        Tensor x = Wave([2, inChannels, 40], 0.731).requires_grad_(true);
        Tensor w = Wave([outChannels, inChannels, kernel], 0.377).requires_grad_(true);
        Tensor x64 = x.detach().to_type(ScalarType.Float64).requires_grad_(true);
        Tensor w64 = w.detach().to_type(ScalarType.Float64).requires_grad_(true);

        Tensor y = nn.functional.conv1d(x, w, dilation: dilation);
        Tensor y64 = nn.functional.conv1d(x64, w64, dilation: dilation);
        Tensor upstream = Wave(y.shape, 0.193);
        (y * upstream).sum().backward();
        (y64 * upstream.to_type(ScalarType.Float64)).sum().backward();

        double error = Difference(y.detach(), y64.detach());
        error = Math.Max(error, Difference(x.grad!, x64.grad!));
        return Math.Max(error, Difference(w.grad!, w64.grad!));
    }

    private static Tensor Wave(long[] shape, double step)
    {
        long count = 1;
        foreach (long d in shape)
        {
            count *= d;
        }

        return arange(count, dtype: ScalarType.Float32).mul(step).sin().view(shape);
    }

    private static double Difference(Tensor a, Tensor exact)
    {
        double error = (a.to_type(ScalarType.Float64) - exact).abs().max().item<double>();
        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }
}
