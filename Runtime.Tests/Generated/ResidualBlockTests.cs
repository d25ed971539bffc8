using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Export.Models;
using QuickDrawDsl.Runtime.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Generated;

/// <summary>
/// Generated residual blocks: the sum they compute, their fields and parameter counts with and without a projection,
/// padded batches equal to each sequence alone, and a model built of them that learns.
/// </summary>
public sealed class ResidualBlockTests
{
    private static readonly long[] Lengths = [17, 40, 9, 33];

    [Fact]
    public void BlockAddsItsInputOrItsProjectionToTheOutputOfItsLayers()
    {
        torch.random.manual_seed(21);
        using var scope = NewDisposeScope();
        using var model = new ResidualSum();
        Dictionary<string, Tensor> p = model.named_parameters().ToDictionary(n => n.name, n => (Tensor)n.parameter);
        p.Keys.ShouldBe(
            ["residual_0_dense_0.weight", "residual_0_dense_0.bias", "residual_1_dense_0.weight", "residual_1_dense_0.bias", "residual_1_projection.weight", "residual_1_projection.bias"],
            ignoreOrder: true);

        Tensor x = randn(5, 4);
        Tensor h = x + (x.matmul(p["residual_0_dense_0.weight"].t()) + p["residual_0_dense_0.bias"]).tanh();
        Tensor expected = h.matmul(p["residual_1_dense_0.weight"].t()) + p["residual_1_dense_0.bias"]
            + h.matmul(p["residual_1_projection.weight"].t()) + p["residual_1_projection.bias"];
        (model.forward(x) - expected).abs().max().item<float>().ShouldBeLessThan(1e-6f);
    }

    [Fact]
    public void ParameterCountCountsTheProjectionOnlyWhereTheWidthChanges()
    {
        // 4·4+4 for the block that keeps the width; 4·2+2 for the inner dense and 4·2+2 for the projection of the other.
        ResidualSum.ParameterCount.ShouldBe((4 * 4) + 4 + (2 * ((4 * 2) + 2)));
        ResidualSum.Info.Layers.Select(l => l.Parameters).ShouldBe([20L, 20L]);

        // conv 3→8 k3; block 0: conv 8→8 k2, conv 8→8 k1 (no projection); block 1: conv 8→6 k3 + dense 8→6 projection;
        // block 2: lstm 6→6, inner block dense 6→5 + projection 6→5, outer projection 6→5; dense 5→4.
        long block0 = ((8 * 8 * 2) + 8) + ((8 * 8 * 1) + 8);
        long block1 = ((8 * 6 * 3) + 6) + ((8 * 6) + 6);
        long block2 = (4 * 6 * (6 + 6 + 2)) + (2 * ((6 * 5) + 5)) + ((6 * 5) + 5);
        ResidualTagger.ParameterCount.ShouldBe(((3 * 8 * 3) + 8) + block0 + block1 + block2 + ((5 * 4) + 4));

        foreach (nn.Module model in new nn.Module[] { new ResidualSum(), new ResidualTagger(), new ResidualPatchClassifier() })
        {
            using (model)
            {
                long numel = model.parameters().Sum(q => q.numel());
                ((IGeneratedModel)model).Info.ParameterCount.ShouldBe(numel, ((IGeneratedModel)model).Info.Name);
                ((IGeneratedModel)model).Info.Layers.Sum(l => l.Parameters).ShouldBe(numel);
            }
        }

        using var tagger = new ResidualTagger();
        string[] names = tagger.named_parameters().Select(n => n.name).ToArray();
        names.ShouldNotContain(n => n.StartsWith("residual_0_projection", System.StringComparison.Ordinal));
        names.ShouldContain("residual_1_projection.weight");
        names.ShouldContain("residual_2_residual_0_projection.weight");
        names.ShouldContain("residual_2_lstm_0.weight_hh_l0");
    }

    [Fact]
    public void PaddedBatchMatchesEachSequenceAlone()
    {
        torch.random.manual_seed(22);
        using var scope = NewDisposeScope();
        using var model = new ResidualTagger();
        model.eval();

        Tensor padded = randn(Lengths.Length, 40, 3) * 10;
        Tensor batched = model.forward(padded, tensor(Lengths));
        Tensor unmasked = model.forward(padded);
        float leak = 0;
        for (int i = 0; i < Lengths.Length; i++)
        {
            Tensor single = model.forward(padded[i, ..(int)Lengths[i]].unsqueeze(0).clone());
            (batched[i, ..(int)Lengths[i]] - single[0]).abs().max().item<float>().ShouldBeLessThan(1e-5f, $"sequence {i} (length {Lengths[i]})");
            leak = System.Math.Max(leak, (unmasked[i, ..(int)Lengths[i]] - single[0]).abs().max().item<float>());
        }

        // Without lengths the padding reaches valid steps (through the 'same' convolution): the check above can fail.
        leak.ShouldBeGreaterThan(1e-4f);
    }

    [Fact]
    public void ModelOfResidualBlocksLearnsATinyTask()
    {
        torch.random.manual_seed(23);
        using var scope = NewDisposeScope();
        using var model = new ResidualTagger();
        using var optimizer = new Adam(model.parameters(), lr: 0.01);

        // Tag every step with a smoothed copy of its inputs: a task the convolutions can learn in a few dozen steps.
        Tensor x = randn(16, 20, 3);
        Tensor target = cat([x, x[.., .., ..1]], 2).cumsum(1) / 5;
        float first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            using DisposeScope inner = NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = nn.functional.mse_loss(model.forward(x), target);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0)
            {
                first = last;
            }
        }

        last.ShouldBeLessThan(first * 0.5f, $"loss {first} → {last}");
    }
}
