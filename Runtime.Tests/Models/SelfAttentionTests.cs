using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Models;

/// <summary>
/// <see cref="SequenceOps.SelfAttention"/>: a padded batch gives each sequence's valid steps what the sequence gives
/// alone (padded keys are never attended, whatever the padding holds); causal attention does not read later steps; and
/// <see cref="OnnxGraphBuilder.SelfAttention"/> gives the same numbers in ONNX Runtime.
/// </summary>
public sealed class SelfAttentionTests
{
    private static readonly long[] Lengths = [9, 4, 1, 6];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PaddedBatchEqualsEachSequenceAlone(bool causal)
    {
        OnnxParity.Seed(31);
        using DisposeScope scope = NewDisposeScope();
        using MultiheadAttention attention = Create();
        Tensor padded = randn(Lengths.Length, 9, 8);
        for (int i = 0; i < Lengths.Length; i++)
        {
            // Loud garbage in the padding: a single attended padded key would move the result far past the tolerance.
            padded[i, TensorIndex.Slice(Lengths[i])] = randn(9 - Lengths[i], 8) * 100;
        }

        using (no_grad())
        {
            Tensor batch = SequenceOps.SelfAttention(attention, padded, tensor(Lengths), causal);
            batch.shape.ShouldBe([4, 9, 8]);
            for (int i = 0; i < Lengths.Length; i++)
            {
                Tensor alone = SequenceOps.SelfAttention(attention, padded[TensorIndex.Slice(i, i + 1), TensorIndex.Slice(0, Lengths[i])], null, causal);
                Tensor valid = batch[TensorIndex.Slice(i, i + 1), TensorIndex.Slice(0, Lengths[i])];
                (valid - alone).abs().max().item<float>().ShouldBeLessThan(1e-5f, $"sequence {i}");
            }

            // Without lengths the padding is attended, so the comparison above can fail (causally, valid steps never
            // reach the trailing padding, with or without lengths).
            Tensor unmasked = SequenceOps.SelfAttention(attention, padded, null, causal);
            float leak = (unmasked[1, TensorIndex.Slice(0, 4)] - batch[1, TensorIndex.Slice(0, 4)]).abs().max().item<float>();
            if (causal)
            {
                leak.ShouldBeLessThan(1e-5f);
            }
            else
            {
                leak.ShouldBeGreaterThan(1e-2f);
            }
        }
    }

    [Fact]
    public void CausalStepDoesNotReadLaterSteps()
    {
        OnnxParity.Seed(32);
        using DisposeScope scope = NewDisposeScope();
        using MultiheadAttention attention = Create();
        Tensor x = randn(2, 7, 8);
        Tensor changed = x.clone();
        changed[TensorIndex.Colon, TensorIndex.Slice(4)] = randn(2, 3, 8) * 10;
        using (no_grad())
        {
            Tensor a = SequenceOps.SelfAttention(attention, x, null, causal: true);
            Tensor b = SequenceOps.SelfAttention(attention, changed, null, causal: true);
            (a[TensorIndex.Colon, TensorIndex.Slice(0, 4)] - b[TensorIndex.Colon, TensorIndex.Slice(0, 4)]).abs().max().item<float>().ShouldBeLessThan(1e-6f);
            (a[TensorIndex.Colon, 4] - b[TensorIndex.Colon, 4]).abs().max().item<float>().ShouldBeGreaterThan(1e-2f);

            // Without the causal mask every step reads the changed ones.
            Tensor open = SequenceOps.SelfAttention(attention, x, null);
            Tensor openChanged = SequenceOps.SelfAttention(attention, changed, null);
            (open[TensorIndex.Colon, 0] - openChanged[TensorIndex.Colon, 0]).abs().max().item<float>().ShouldBeGreaterThan(1e-2f);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void OnnxGraphMatchesTorchSharp(bool withLengths, bool causal)
    {
        OnnxParity.Seed(33);
        using DisposeScope scope = NewDisposeScope();
        using MultiheadAttention attention = Create();
        attention.eval();
        var builder = new OnnxGraphBuilder("attention");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", "time", 8);
        OnnxValue? lengths = withLengths ? builder.AddInput("lengths", OnnxElementType.Int64, "batch") : null;
        builder.AddOutput(builder.SelfAttention(attention, x, heads: 2, lengths, causal), "y");
        builder.OperatorTypes.ShouldContain("Softmax");
        using var predictor = new OnnxPredictor(builder.ToBytes());
        foreach (long time in new long[] { 9, 13 })
        {
            using DisposeScope inner = NewDisposeScope();
            Tensor input = randn(Lengths.Length, time, 8);
            Tensor lengthTensor = tensor(Lengths.Select(l => l + time - 9).ToArray());
            Tensor expected;
            using (no_grad())
            {
                expected = SequenceOps.SelfAttention(attention, input, withLengths ? lengthTensor : null, causal);
            }

            var feeds = new Dictionary<string, Tensor> { ["x"] = input };
            if (withLengths)
            {
                feeds["lengths"] = lengthTensor;
            }

            OnnxParity.ShouldMatch(predictor.Run(feeds)["y"], expected);
        }
    }

    [Fact]
    public void ParametersAreTheInAndOutProjections()
    {
        using MultiheadAttention attention = Create();
        attention.named_parameters().Select(p => p.name).ShouldBe(["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"], ignoreOrder: true);
        attention.parameters().Sum(p => p.numel()).ShouldBe(4 * 8 * (8 + 1));
    }

    private static MultiheadAttention Create()
    {
        MultiheadAttention attention = nn.MultiheadAttention(8, 2);
        using (no_grad())
        {
            // Off the zero biases of the default initialisation, so the parity covers them.
            foreach (Tensor parameter in attention.parameters())
            {
                parameter.add_(randn_like(parameter) * 0.1);
            }
        }

        return attention;
    }
}
