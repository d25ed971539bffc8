using System;
using System.Linq;
using System.Runtime.Intrinsics;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Models;

/// <summary>
/// The fused float32 kernel of the bidirectional GRU (<see cref="BidirectionalGruKernel"/>) against the libtorch-op
/// path and torch's own GRU, at a width with 16-lane, 8-lane and scalar parts (H = 27 = 16 + 8 + 3) and a length
/// spanning three blocks of steps; the op path where the kernel cannot run (float64); and the kernel's sigmoid and
/// tanh (8 and 16 lanes) against double precision.
/// </summary>
public sealed class BidirectionalGruKernelTests
{
    private const float Tolerance = 1e-5f;
    private const int Features = 7;
    private const int Hidden = 27;

    [Fact]
    public void KernelMatchesTheLibtorchOpPathInOutputsAndEveryGradient()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(41);
        using GRU gru = nn.GRU(Features, Hidden, batchFirst: true, bidirectional: true);
        long[] valid = [37, 20, 1, 33, 16];
        Tensor x = (randn([valid.Length, 40, Features], generator: generator) * 3).requires_grad_();
        Tensor lengths = tensor(valid);
        Tensor weights = randn([valid.Length, 40, 2 * Hidden], generator: generator);
        Tensor[] inputs = [.. gru.parameters(), x];

        Tensor fused = BidirectionalGru.Sequence(gru, x, lengths, kernel: true);
        Tensor ops = BidirectionalGru.Sequence(gru, x, lengths, kernel: false);
        ShouldMatch(fused, ops, "output");
        fused.abs().max().item<float>().ShouldBeGreaterThan(0.1f);
        Tensor[] fusedGrad = torch.autograd.grad([(fused * weights).sum()], inputs).ToArray();
        Tensor[] opsGrad = torch.autograd.grad([(ops * weights).sum()], inputs).ToArray();
        fusedGrad.Length.ShouldBe(9);
        for (int i = 0; i < inputs.Length; i++)
        {
            opsGrad[i].abs().max().item<float>().ShouldBeGreaterThan(0f, $"gradient {i}");
            ShouldMatch(fusedGrad[i], opsGrad[i], $"gradient {i}");
        }

        // The inference path (no autograd node) runs the same kernel.
        using (no_grad())
        {
            ShouldMatch(BidirectionalGru.Sequence(gru, x, lengths, kernel: true), ops, "output without gradients");
        }
    }

    [Fact]
    public void KernelMatchesTorchGruAtEveryVectorWidthOverSeveralBlocks()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(42);
        using GRU gru = nn.GRU(Features, Hidden, batchFirst: true, bidirectional: true);
        Tensor x = randn([3, 37, Features], generator: generator).requires_grad_();
        Tensor lengths = full(3, 37, ScalarType.Int64);

        Tensor ours = BidirectionalGru.Sequence(gru, x, lengths);
        (Tensor reference, Tensor hn) = gru.call(x);
        hn.Dispose();
        ShouldMatch(ours, reference, "output");
        Tensor weights = randn(ours.shape, generator: generator);
        Tensor[] inputs = [.. gru.parameters(), x];
        Tensor[] oursGrad = torch.autograd.grad([(ours * weights).sum()], inputs).ToArray();
        Tensor[] referenceGrad = torch.autograd.grad([(reference * weights).sum()], inputs).ToArray();
        for (int i = 0; i < inputs.Length; i++)
        {
            ShouldMatch(oursGrad[i], referenceGrad[i], $"gradient {i}");
        }
    }

    [Fact]
    public void Float64RunsTheLibtorchOpPathAndMatchesTorchGru()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(43);
        using GRU gru = nn.GRU(Features, Hidden, batchFirst: true, bidirectional: true);
        gru.to(ScalarType.Float64);
        long[] valid = [9, 4];
        Tensor x = randn([2, 9, Features], dtype: ScalarType.Float64, generator: generator).requires_grad_();
        Parameter[] parameters = gru.parameters().ToArray();
        var probe = new BidirectionalGruFunction.Inputs(
            x, zeros(2, 9, ScalarType.Int64), ones(2, 9, 1, ScalarType.Bool),
            parameters[0], parameters[1], parameters[2], parameters[3], parameters[4], parameters[5], parameters[6], parameters[7]);
        BidirectionalGruKernelPass.Applies(probe).ShouldBeFalse();

        Tensor ours = BidirectionalGru.Sequence(gru, x, tensor(valid));
        ours.dtype.ShouldBe(ScalarType.Float64);
        Tensor[] oursGrad = torch.autograd.grad([ours.sum()], [x]).ToArray();
        for (int i = 0; i < valid.Length; i++)
        {
            int length = (int)valid[i];
            Tensor alone = x[i, ..length].detach().unsqueeze(0).requires_grad_();
            (Tensor output, Tensor hn) = gru.call(alone);
            hn.Dispose();
            (ours[i, ..length] - output[0]).abs().max().item<double>().ShouldBeLessThan(1e-12, $"output of sequence {i}");
            Tensor grad = torch.autograd.grad([output.sum()], [alone]).Single();
            (oursGrad[0][i, ..length] - grad[0]).abs().max().item<double>().ShouldBeLessThan(1e-12, $"input gradient of sequence {i}");
        }
    }

    [Fact]
    public void SigmoidAndTanhAreAccurateToAFewUlpsAgainstDoublePrecision()
    {
        // A dense grid over the range that matters, and small arguments where tanh(x) ≈ x must stay accurate relatively.
        float[] arguments = Enumerable.Range(-4000, 8001).Select(i => i / 200f)
            .Concat(Enumerable.Range(1, 60).SelectMany(k => new[] { MathF.Pow(10, -k / 8f), -MathF.Pow(10, -k / 8f) }))
            .Append(0f).Append(100f).Append(-100f)
            .ToArray();
        double worstSigmoid = 0, worstTanh = 0;

        // Both widths the forward kernel uses: 16 lanes (where the CPU has them) and 8.
        for (int i = 0; i < arguments.Length; i += Vector512<float>.Count)
        {
            var lanes = new float[Vector512<float>.Count];
            Array.Copy(arguments, i, lanes, 0, Math.Min(lanes.Length, arguments.Length - i));
            Vector512<float> x = Vector512.Create(lanes);
            Vector512<float> sigmoid = BidirectionalGruKernel.Sigmoid(x);
            Vector512<float> tanh = BidirectionalGruKernel.Tanh(x);
            Vector512<float> sigmoidNarrow = Vector512.Create(BidirectionalGruKernel.Sigmoid(x.GetLower()), BidirectionalGruKernel.Sigmoid(x.GetUpper()));
            Vector512<float> tanhNarrow = Vector512.Create(BidirectionalGruKernel.Tanh(x.GetLower()), BidirectionalGruKernel.Tanh(x.GetUpper()));
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                double value = lanes[lane];
                double expectedSigmoid = 1 / (1 + Math.Exp(-value)), expectedTanh = Math.Tanh(value);
                worstSigmoid = Math.Max(worstSigmoid, Math.Max(RelativeError(sigmoid[lane], expectedSigmoid), RelativeError(sigmoidNarrow[lane], expectedSigmoid)));
                worstTanh = Math.Max(worstTanh, Math.Max(RelativeError(tanh[lane], expectedTanh), RelativeError(tanhNarrow[lane], expectedTanh)));
            }
        }

        worstSigmoid.ShouldBeLessThan(1e-6);
        worstTanh.ShouldBeLessThan(1e-6);
    }

    // Relative, except below float's normal range (σ(−100) ≈ 4e−44), where float holds no relative precision at all.
    private static double RelativeError(float actual, double expected) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-30);

    private static void ShouldMatch(Tensor actual, Tensor expected, string what)
    {
        actual.shape.ShouldBe(expected.shape, what);
        float scale = 1 + expected.abs().max().item<float>();
        (actual - expected).abs().max().item<float>().ShouldBeLessThanOrEqualTo(Tolerance * scale, what);
    }
}
