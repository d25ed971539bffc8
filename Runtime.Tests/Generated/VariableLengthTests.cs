using System.Collections.Generic;
using QuickDrawDsl.Examples.Archetypes;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Generated;

/// <summary>
/// A padded batch with lengths gives the same outputs as running each sequence alone. The padding holds random
/// values, not zeros, so the test fails if any layer lets padding leak into valid steps.
/// </summary>
public sealed class VariableLengthTests
{
    private static readonly long[] Lengths = [17, 40, 9, 33];

    [Fact]
    public void ConvLstmClassifierIgnoresPadding()
    {
        torch.random.manual_seed(11);
        using var scope = NewDisposeScope();
        using var model = new QuickDrawClassifier();
        model.eval();
        Warm(model, 3);

        (Tensor padded, Tensor lengths, List<Tensor> alone) = Batch(features: 3);
        Tensor batched = model.forward(padded, lengths);
        for (int i = 0; i < Lengths.Length; i++)
        {
            Tensor single = model.forward(alone[i]);
            MaxDiff(batched[i], single[0]).ShouldBeLessThan(1e-5f, $"sequence {i} (length {Lengths[i]})");
        }

        // Without lengths the padding does leak in: the test would catch a model that ignored them.
        Tensor unmasked = model.forward(padded);
        MaxDiff(unmasked[0], model.forward(alone[0])[0]).ShouldBeGreaterThan(1e-4f);
    }

    [Fact]
    public void AlignedSeq2SeqMatchesAtEveryValidStep()
    {
        torch.random.manual_seed(12);
        using var scope = NewDisposeScope();
        using var model = new StepForecaster();
        model.eval();

        (Tensor padded, Tensor lengths, List<Tensor> alone) = Batch(features: 1);
        Tensor batched = model.forward(padded, lengths);
        for (int i = 0; i < Lengths.Length; i++)
        {
            Tensor single = model.forward(alone[i]);
            MaxDiff(batched[i, ..(int)Lengths[i]], single[0]).ShouldBeLessThan(1e-5f);
        }
    }

    [Fact]
    public void BidirectionalRecurrentLayersArePacked()
    {
        torch.random.manual_seed(13);
        using var scope = NewDisposeScope();
        using var model = new TokenTagger();
        model.eval();

        long max = 40;
        Tensor padded = randint(1, 1000, [Lengths.Length, max], dtype: ScalarType.Int64);
        Tensor lengths = tensor(Lengths);
        Tensor batched = model.forward(padded, lengths);
        for (int i = 0; i < Lengths.Length; i++)
        {
            Tensor single = model.forward(padded[i, ..(int)Lengths[i]].unsqueeze(0));
            MaxDiff(batched[i, ..(int)Lengths[i]], single[0]).ShouldBeLessThan(1e-5f);
        }
    }

    [Fact]
    public void CausalConvolutionsMatchAtEveryValidStep()
    {
        torch.random.manual_seed(14);
        using var scope = NewDisposeScope();
        using var model = new WaveNetForecaster();
        model.eval();

        (Tensor padded, Tensor lengths, List<Tensor> alone) = Batch(features: 1);
        Tensor batched = model.forward(padded, lengths);
        Tensor unmasked = model.forward(padded);
        for (int i = 0; i < Lengths.Length; i++)
        {
            Tensor single = model.forward(alone[i]);
            MaxDiff(batched[i, ..(int)Lengths[i]], single[0]).ShouldBeLessThan(1e-5f);

            // Causal: a valid step never sees a later one, so the padding cannot reach it even without lengths.
            MaxDiff(unmasked[i, ..(int)Lengths[i]], single[0]).ShouldBeLessThan(1e-5f);
        }
    }

    private static (Tensor Padded, Tensor Lengths, List<Tensor> Alone) Batch(long features)
    {
        long max = 40;
        Tensor padded = randn(Lengths.Length, max, features) * 10;
        var alone = new List<Tensor>();
        for (int i = 0; i < Lengths.Length; i++)
        {
            alone.Add(padded[i, ..(int)Lengths[i]].unsqueeze(0).clone());
        }

        return (padded, tensor(Lengths), alone);
    }

    private static void Warm(nn.Module<Tensor, Tensor> model, long features)
    {
        // Give batch norm non-trivial running statistics, as after training.
        model.train();
        using (no_grad())
        {
            for (int i = 0; i < 5; i++)
            {
                model.call(randn(8, 50, features) * 3 + 1).Dispose();
            }
        }

        model.eval();
    }

    private static float MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
