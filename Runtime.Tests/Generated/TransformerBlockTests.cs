using System.Linq;
using QuickDrawDsl.Runtime.Tests.Export.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Generated;

/// <summary>
/// <c>attention</c> inside a <c>residual</c> block, feed-forward blocks with a projection and a causal convolution block
/// (TransformerEncoderClassifier): the two layers' masking together, and their parameters counted once.
/// </summary>
public sealed class TransformerBlockTests
{
    private static readonly long[] Lengths = [17, 40, 9, 33];

    [Fact]
    public void PaddedBatchMatchesEachSequenceAlone()
    {
        torch.random.manual_seed(23);
        using var scope = NewDisposeScope();
        using var model = new TransformerEncoderClassifier();
        model.eval();

        Tensor padded = randn(Lengths.Length, 40, 3) * 10;
        Tensor batched = model.forward(padded, tensor(Lengths));
        Tensor unmasked = model.forward(padded);
        float leak = 0;
        for (int i = 0; i < Lengths.Length; i++)
        {
            Tensor single = model.forward(padded[i, ..(int)Lengths[i]].unsqueeze(0).clone());
            (batched[i] - single[0]).abs().max().item<float>().ShouldBeLessThan(1e-5f, $"sequence {i} (length {Lengths[i]})");
            leak = System.Math.Max(leak, (unmasked[i] - single[0]).abs().max().item<float>());
        }

        // Without lengths attention reads the padded keys and the pooling averages them: the check above can fail.
        leak.ShouldBeGreaterThan(1e-4f);
    }

    [Fact]
    public void ParameterCountIsTheModulesNumel()
    {
        using var model = new TransformerEncoderClassifier();
        long numel = model.parameters().Sum(p => p.numel());

        // dense 3→8: 32; attention 4·8·9: 288; layernorm: 16; feed_forward 8→16→8: 144 + 136; layernorm: 16;
        // causal conv1d 8→12, kernel 3: 300, its projection 8→12: 108; dense 12→4: 52.
        numel.ShouldBe(32 + 288 + 16 + 144 + 136 + 16 + 300 + 108 + 52);
        TransformerEncoderClassifier.ParameterCount.ShouldBe(numel);
    }
}
