using System.Linq;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Native;

/// <summary>
/// CPU convolutions and LSTMs against exact float64 references. libtorch 2.10's oneDNN kernels were wrong on this
/// repository's AVX-512 machine for most channel counts above 16 that are not a multiple of 16 (forward off by 6–20, some
/// NaN) and for some gradients even at multiples of 16; <see cref="CpuKernels"/> checks oneDNN once at load and keeps
/// it off where it is wrong. Each case here failed before that check existed.
/// </summary>
public sealed class ConvolutionExactnessTests
{
    private const double Tolerance = 1e-3;

    [Theory]
    [InlineData(20, 20, 2, 1, 1)]
    [InlineData(20, 20, 2, 8, 1)]
    [InlineData(17, 32, 3, 2, 1)]
    [InlineData(24, 1, 5, 1, 1)]
    [InlineData(33, 10, 3, 1, 2)]
    [InlineData(100, 20, 2, 4, 1)]
    [InlineData(16, 1, 2, 1, 1)]
    [InlineData(48, 8, 3, 1, 2)]
    public void Conv1dForwardAndGradientsMatchTheExactSumOverTaps(int inChannels, int outChannels, int kernel, int dilation, int stride)
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(inChannels * 1000 + outChannels);
        using var scope = NewDisposeScope();
        Tensor x = randn(4, inChannels, 40).requires_grad_(true);
        Tensor w = randn(outChannels, inChannels, kernel).requires_grad_(true);
        Tensor b = randn(outChannels).requires_grad_(true);

        Tensor y = nn.functional.conv1d(x, w, b, stride: stride, dilation: dilation);
        Tensor upstream = randn_like(y);
        (y * upstream).sum().backward();

        Tensor x64 = x.detach().to_type(ScalarType.Float64).requires_grad_(true);
        Tensor w64 = w.detach().to_type(ScalarType.Float64).requires_grad_(true);
        Tensor y64 = SumOverTaps(x64, w64, b.detach().to_type(ScalarType.Float64), stride, dilation);
        (y64 * upstream.to_type(ScalarType.Float64)).sum().backward();

        y.shape.ShouldBe(y64.shape);
        MaxError(y.detach(), y64.detach()).ShouldBeLessThan(Tolerance, "forward");
        MaxError(x.grad!, x64.grad!).ShouldBeLessThan(Tolerance, "input gradient");
        MaxError(w.grad!, w64.grad!).ShouldBeLessThan(Tolerance, "weight gradient");
    }

    [Fact]
    public void Conv1dModuleWithoutGradientsMatchesTheExactSumOverTaps()
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(20);
        using var scope = NewDisposeScope();
        using var conv = nn.Conv1d(20, 20, 2, dilation: 4);
        Tensor x = randn(8, 20, 56);

        Tensor y;
        using (no_grad())
        {
            y = conv.call(x);
        }

        Tensor exact = SumOverTaps(x.to_type(ScalarType.Float64), conv.weight!.detach().to_type(ScalarType.Float64), conv.bias!.detach().to_type(ScalarType.Float64), 1, 4);
        MaxError(y, exact).ShouldBeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(2, 20)]
    [InlineData(2, 40)]
    [InlineData(3, 20)]
    [InlineData(3, 24)]
    public void Conv2dAndConv3dMatchFloat64(int dimensions, int inChannels)
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(dimensions * 100 + inChannels);
        using var scope = NewDisposeScope();
        long[] spatial = dimensions == 2 ? [12, 12] : [6, 8, 8];
        Tensor x = randn([2, inChannels, .. spatial]);
        Tensor w = randn([20, inChannels, .. Enumerable.Repeat(3L, dimensions)]);
        Tensor b = randn(20);

        Tensor y = dimensions == 2 ? nn.functional.conv2d(x, w, b) : nn.functional.conv3d(x, w, b);
        Tensor x64 = x.to_type(ScalarType.Float64), w64 = w.to_type(ScalarType.Float64), b64 = b.to_type(ScalarType.Float64);
        Tensor exact = dimensions == 2 ? nn.functional.conv2d(x64, w64, b64) : nn.functional.conv3d(x64, w64, b64);

        MaxError(y, exact).ShouldBeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(100)]
    public void LstmWithoutGradientsMatchesLstmWithGradients(int hidden)
    {
        // The oneDNN LSTM inference kernel (taken only with gradients off) is the other faulty kernel: off by 0.05-0.4 at these sizes.
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(hidden);
        using var scope = NewDisposeScope();
        using var lstm = nn.LSTM(3, hidden, batchFirst: true);
        Tensor x = randn(8, 30, 3);

        (Tensor withGrad, Tensor h1, Tensor c1) = lstm.call(x);
        Tensor withoutGrad;
        using (no_grad())
        {
            (withoutGrad, h1, c1) = lstm.call(x);
        }

        MaxError(withoutGrad, withGrad.detach()).ShouldBeLessThan(1e-5);
    }

    /// <summary>Σ_k W[:, :, k] · x[:, :, k·d + s·t]: a cross-correlation written as one matrix product per tap.</summary>
    private static Tensor SumOverTaps(Tensor x, Tensor w, Tensor b, int stride, int dilation)
    {
        long kernel = w.shape[2];
        long outLength = ((x.shape[2] - (dilation * (kernel - 1)) - 1) / stride) + 1;
        Tensor sum = b.view(1, -1, 1);
        for (long k = 0; k < kernel; k++)
        {
            Tensor taps = x.narrow(2, k * dilation, ((outLength - 1) * stride) + 1);
            if (stride > 1)
            {
                taps = taps.index(TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(null, null, stride));
            }

            sum = sum + einsum("oc,bct->bot", w.select(2, k), taps);
        }

        return sum;
    }

    private static double MaxError(Tensor actual, Tensor exact)
    {
        double error = (actual.to_type(ScalarType.Float64) - exact).abs().max().item<double>();
        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }
}
