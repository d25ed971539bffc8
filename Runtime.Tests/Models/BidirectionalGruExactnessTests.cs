using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Models;

/// <summary>
/// The written-out bidirectional GRU (<see cref="RecurrentOps"/> with lengths) against libtorch's own GRU run on
/// unpadded input: outputs, final states and every gradient within 1e-5 of the reference's scale
/// (|ours − torch| ≤ 1e-5 · (1 + max |torch|)), whole batches and each sequence alone; and a state dict saved from a
/// plain <c>nn.GRU</c> loads and gives the same outputs.
/// </summary>
public sealed class BidirectionalGruExactnessTests
{
    private const float Tolerance = 1e-5f;
    private const int Features = 5;
    private const int Hidden = 6;

    [Fact]
    public void UnpaddedBatchMatchesTorchGruInOutputsFinalStatesAndGradients()
    {
        torch.random.manual_seed(31);
        using var scope = NewDisposeScope();
        using GRU gru = nn.GRU(Features, Hidden, batchFirst: true, bidirectional: true);
        Tensor x = randn(3, 11, Features).requires_grad_();
        Tensor lengths = full(3, 11, ScalarType.Int64);

        // Lengths are passed (all full), so RecurrentOps takes the written-out path; torch runs the same batch plainly.
        Tensor ours = RecurrentOps.Sequence(gru, x, lengths);
        (Tensor reference, Tensor hn) = gru.call(x);
        ShouldMatch(ours, reference, "output");
        ShouldMatch(RecurrentOps.LastState(gru, x, lengths, bidirectional: true), cat([hn[0], hn[1]], 1), "final states");

        Tensor weights = randn(ours.shape);
        Tensor[] inputs = [.. gru.parameters(), x];
        Tensor[] oursGrad = torch.autograd.grad([(ours * weights).sum()], inputs).ToArray();
        Tensor[] referenceGrad = torch.autograd.grad([(reference * weights).sum()], inputs).ToArray();
        oursGrad.Length.ShouldBe(9);
        for (int i = 0; i < inputs.Length; i++)
        {
            referenceGrad[i].abs().max().item<float>().ShouldBeGreaterThan(0f, $"gradient {i}");
            ShouldMatch(oursGrad[i], referenceGrad[i], $"gradient {i}");
        }
    }

    [Fact]
    public void PaddedBatchMatchesEachSequenceAloneInOutputsAndGradients()
    {
        torch.random.manual_seed(32);
        using var scope = NewDisposeScope();
        using GRU gru = nn.GRU(Features, Hidden, batchFirst: true, bidirectional: true);
        long[] valid = [9, 14, 1, 5];
        long steps = valid.Max() + 3; // every sequence padded, the longest too

        // Padding holds large random values: a reverse direction that started in the padding would show at once.
        Tensor x = (randn(valid.Length, steps, Features) * 10).requires_grad_();
        Tensor ours = RecurrentOps.Sequence(gru, x, tensor(valid));
        Tensor weights = randn(ours.shape);
        Tensor[] parameters = gru.parameters().ToArray();
        Tensor[] oursGrad = torch.autograd.grad([(ours * weights).sum()], [.. parameters, x]).ToArray();

        // The reference: torch's GRU on each sequence alone, unpadded; its weight gradients summed over the sequences.
        Tensor[] referenceWeightGrad = parameters.Select(p => zeros_like(p)).ToArray();
        for (int i = 0; i < valid.Length; i++)
        {
            long length = valid[i];
            Tensor alone = x[i, ..(int)length].detach().unsqueeze(0).requires_grad_();
            (Tensor output, Tensor hn) = gru.call(alone);
            hn.Dispose();
            ShouldMatch(ours[i, ..(int)length], output[0], $"output of sequence {i}");
            ours[i, (int)length..].abs().max().item<float>().ShouldBe(0f, $"padding of sequence {i}");

            Tensor[] grads = torch.autograd.grad([(output[0] * weights[i, ..(int)length]).sum()], [.. parameters, alone]).ToArray();
            for (int p = 0; p < parameters.Length; p++)
            {
                referenceWeightGrad[p] += grads[p];
            }

            ShouldMatch(oursGrad[^1][i, ..(int)length], grads[^1][0], $"input gradient of sequence {i}");
            oursGrad[^1][i, (int)length..].abs().max().item<float>().ShouldBe(0f, $"input gradient in the padding of sequence {i}");
        }

        for (int p = 0; p < parameters.Length; p++)
        {
            ShouldMatch(oursGrad[p], referenceWeightGrad[p], $"gradient of parameter {p}");
        }
    }

    [Fact]
    public void StateDictOfAPlainGruLoadsWithTheSameNamesAndOutputs()
    {
        torch.random.manual_seed(33);
        using var scope = NewDisposeScope();
        string path = Path.Combine(Path.GetTempPath(), $"qd-bigru-{Guid.NewGuid():N}.dat");
        try
        {
            // A checkpoint's GRU as earlier versions saved it: the module's own parameter names, nothing renamed.
            using GRU saved = nn.GRU(Features, Hidden, batchFirst: true, bidirectional: true);
            saved.save(path);
            saved.state_dict().Keys.Order(StringComparer.Ordinal).ShouldBe(
            [
                "bias_hh_l0", "bias_hh_l0_reverse", "bias_ih_l0", "bias_ih_l0_reverse",
                "weight_hh_l0", "weight_hh_l0_reverse", "weight_ih_l0", "weight_ih_l0_reverse",
            ]);

            using GRU loaded = nn.GRU(Features, Hidden, batchFirst: true, bidirectional: true);
            loaded.load(path);
            Tensor x = randn(2, 7, Features);
            Tensor lengths = tensor(new long[] { 7, 4 });
            using (no_grad())
            {
                Tensor expected = RecurrentOps.Sequence(saved, x, lengths);
                (RecurrentOps.Sequence(loaded, x, lengths) - expected).abs().max().item<float>().ShouldBe(0f);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void ShouldMatch(Tensor actual, Tensor expected, string what)
    {
        actual.shape.ShouldBe(expected.shape, what);
        float scale = 1 + expected.abs().max().item<float>();
        (actual - expected).abs().max().item<float>().ShouldBeLessThanOrEqualTo(Tolerance * scale, what);
    }
}
