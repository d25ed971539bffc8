using System.Linq;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Export.Models;
using QuickDrawDsl.Runtime.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Generated;

/// <summary>
/// A generated model with <c>attention</c> layers (Export/Models/AttentionTagger.model.yaml: attention after a
/// convolution, and causal attention after a GRU): its compile-time parameter count, padded ≡ unpadded, and it learns.
/// </summary>
public sealed class AttentionModelTests
{
    private static readonly long[] Lengths = [17, 40, 9, 33];

    [Fact]
    public void ParameterCountIsTheModulesNumel()
    {
        using var model = new AttentionTagger();
        long numel = model.parameters().Sum(p => p.numel());
        AttentionTagger.ParameterCount.ShouldBe(numel);
        ((IGeneratedModel)model).Info.Layers.Single(l => l.Name == "attention_0").Parameters.ShouldBe(4 * 8 * (8 + 1));
        ((IGeneratedModel)model).Info.Layers.Single(l => l.Name == "attention_1").Parameters.ShouldBe(4 * 6 * (6 + 1));
    }

    [Fact]
    public void PaddedBatchGivesEachSequenceItsOwnOutputs()
    {
        torch.random.manual_seed(41);
        using var scope = NewDisposeScope();
        using var model = new AttentionTagger();
        model.eval();
        Tensor padded = randn(Lengths.Length, 40, 5) * 10;
        using (no_grad())
        {
            Tensor batched = model.forward(padded, tensor(Lengths));
            Tensor unmasked = model.forward(padded);
            for (int i = 0; i < Lengths.Length; i++)
            {
                Tensor single = model.forward(padded[i, ..(int)Lengths[i]].unsqueeze(0));
                (batched[i, ..(int)Lengths[i]] - single[0]).abs().max().item<float>().ShouldBeLessThan(1e-5f, $"sequence {i} (length {Lengths[i]})");
            }

            // Without lengths the first attention reads the padding: the comparison above can fail.
            (unmasked[2, ..9] - batched[2, ..9]).abs().max().item<float>().ShouldBeGreaterThan(1e-3f);
        }
    }

    [Fact]
    public void LearnsToTagTheSequencesMeanSign()
    {
        // Tag every step by the sign of the first feature's mean over the whole sequence (classes 0/1; 2 unused): a
        // sequence-wide task that no single step answers and that attention, which can average over all steps, learns in
        // a few dozen steps.
        torch.random.manual_seed(42);
        using var model = new AttentionTagger();
        model.train();
        using var optimizer = new Adam(model.parameters(), lr: 1e-2);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 60; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor x = randn(16, 20, 5);
            Tensor target = (x[.., .., 0].mean([1], keepdim: true) > 0).to_type(ScalarType.Int64).expand(16, 20);
            Tensor logits = model.forward(x);
            Tensor loss = nn.functional.cross_entropy(logits.reshape(-1, 3), target.reshape(-1));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            double value = loss.item<float>();
            if (step < 5)
            {
                first += value / 5;
            }

            if (step >= 55)
            {
                last += value / 5;
            }
        }

        last.ShouldBeLessThan(first * 0.6, $"loss {first:F3} -> {last:F3}");
    }
}
