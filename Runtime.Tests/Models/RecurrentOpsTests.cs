using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace QuickDrawDsl.Runtime.Tests.Models;

/// <summary>
/// One-direction recurrent layers with lengths run over the padded batch instead of packing it, and a one-layer
/// bidirectional GRU runs both directions to each sequence's end: their outputs, last states and gradients must equal
/// packing's exactly (to float tolerance), with random garbage in the padding.
/// </summary>
public sealed class RecurrentOpsTests
{
    private static readonly long[] Lengths = [7, 19, 1, 12];

    public static TheoryData<string, bool> Cases => new()
    {
        { "lstm", true }, { "lstm", false }, { "gru", true }, { "gru", false }, { "rnn", true }, { "rnn", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneDirectionMatchesPackingInValuesAndGradients(string kind, bool returnSequences)
    {
        torch.random.manual_seed(21);
        using var scope = NewDisposeScope();
        using nn.Module module = Create(kind);
        Tensor padded = (randn(Lengths.Length, 19, 5) * 10).requires_grad_();
        Tensor lengths = tensor(Lengths);

        Tensor ours = Ours(module, padded, lengths, returnSequences);
        Tensor reference = Packed(module, padded, lengths, returnSequences);
        ours.shape.ShouldBe(reference.shape);
        (ours - reference).abs().max().item<float>().ShouldBeLessThan(1e-5f);
        if (returnSequences)
        {
            // Padded steps are zero, as pad_packed_sequence leaves them.
            Tensor valid = SequenceOps.ValidSteps(lengths, 19).unsqueeze(2);
            ours.masked_select(valid.logical_not()).abs().max().item<float>().ShouldBe(0f);
        }

        // The same loss through either path gives the same gradients for every weight and for the valid inputs.
        Tensor weights = randn(ours.shape);
        Tensor[] parameters = module.parameters().ToArray();
        Tensor[] oursGrad = torch.autograd.grad([(ours * weights).sum()], [.. parameters, padded]).ToArray();
        Tensor[] referenceGrad = torch.autograd.grad([(reference * weights).sum()], [.. parameters, padded]).ToArray();
        for (int i = 0; i < parameters.Length; i++)
        {
            (oursGrad[i] - referenceGrad[i]).abs().max().item<float>().ShouldBeLessThan(1e-4f, $"parameter {i}");
        }

        (oursGrad[^1] - referenceGrad[^1]).abs().max().item<float>().ShouldBeLessThan(1e-4f, "input");
    }

    public static TheoryData<bool, bool, bool> BidirectionalCases => new()
    {
        { true, true, true }, { false, true, true }, { true, false, true }, { false, false, true },
        { true, true, false }, { false, false, false },
    };

    // The one-layer bidirectional GRU runs both directions to each sequence's end (the reverse one over each sequence
    // reversed within its length) with its own forward and backward: values and gradients must equal packing's.
    [Theory]
    [MemberData(nameof(BidirectionalCases))]
    public void BidirectionalGruMatchesPackingInValuesAndGradients(bool returnSequences, bool training, bool sorted)
    {
        torch.random.manual_seed(23);
        using var scope = NewDisposeScope();
        using GRU gru = nn.GRU(5, 6, numLayers: 1, batchFirst: true, bidirectional: true);
        gru.train(training);
        long[] lengthValues = sorted ? [19, 12, 7, 1] : Lengths;
        Tensor padded = (randn(lengthValues.Length, 19, 5) * 10).requires_grad_();
        Tensor lengths = tensor(lengthValues);

        Tensor ours = returnSequences ? RecurrentOps.Sequence(gru, padded, lengths) : RecurrentOps.LastState(gru, padded, lengths, bidirectional: true);
        Tensor reference = Packed(gru, padded, lengths, returnSequences, bidirectional: true);
        ours.shape.ShouldBe(reference.shape);
        (ours - reference).abs().max().item<float>().ShouldBeLessThan(1e-5f);

        Tensor weights = randn(ours.shape);
        Tensor[] parameters = gru.parameters().ToArray();
        Tensor[] oursGrad = torch.autograd.grad([(ours * weights).sum()], [.. parameters, padded]).ToArray();
        Tensor[] referenceGrad = torch.autograd.grad([(reference * weights).sum()], [.. parameters, padded]).ToArray();
        for (int i = 0; i <= parameters.Length; i++)
        {
            referenceGrad[i].abs().max().item<float>().ShouldBeGreaterThan(0f, $"gradient {i}");
            (oursGrad[i] - referenceGrad[i]).abs().max().item<float>().ShouldBeLessThan(1e-4f, $"gradient {i}");
        }
    }

    [Fact]
    public void BidirectionalGruTrainsThroughBackwardLikePacking()
    {
        // loss.backward() (not autograd.grad) fills the module's own parameters' .grad, as the trainer reads them.
        torch.random.manual_seed(24);
        using var scope = NewDisposeScope();
        using GRU gru = nn.GRU(5, 6, numLayers: 1, batchFirst: true, bidirectional: true);
        Tensor padded = randn(Lengths.Length, 19, 5);
        Tensor lengths = tensor(Lengths);
        RecurrentOps.Sequence(gru, padded, lengths).pow(2).sum().backward();
        Tensor[] ours = gru.parameters().Select(p => p.grad!.clone()).ToArray();
        gru.zero_grad();
        Packed(gru, padded, lengths, returnSequences: true, bidirectional: true).pow(2).sum().backward();
        Tensor[] reference = gru.parameters().Select(p => p.grad!).ToArray();
        ours.Length.ShouldBe(8);
        for (int i = 0; i < ours.Length; i++)
        {
            (ours[i] - reference[i]).abs().max().item<float>().ShouldBeLessThan(1e-4f, $"parameter {i}");
        }
    }

    [Fact]
    public void StackedBidirectionalLayersMatchPacking()
    {
        torch.random.manual_seed(25);
        using var scope = NewDisposeScope();
        using GRU gru = nn.GRU(5, 6, numLayers: 2, batchFirst: true, bidirectional: true);
        using LSTM lstm = nn.LSTM(5, 6, numLayers: 2, batchFirst: true, bidirectional: true);
        Tensor padded = randn(Lengths.Length, 19, 5) * 10;
        Tensor lengths = tensor(Lengths);
        (RecurrentOps.Sequence(gru, padded, lengths) - Packed(gru, padded, lengths, true, true)).abs().max().item<float>().ShouldBeLessThan(1e-5f);
        (RecurrentOps.LastState(lstm, padded, lengths, true) - Packed(lstm, padded, lengths, false, true)).abs().max().item<float>().ShouldBeLessThan(1e-5f);
    }

    [Fact]
    public void BidirectionalGruWithoutGradientsMatchesPacking()
    {
        // Inference takes the direct path (no autograd node, nothing kept for backward).
        torch.random.manual_seed(26);
        using var scope = NewDisposeScope();
        using GRU gru = nn.GRU(5, 6, batchFirst: true, bidirectional: true);
        Tensor padded = randn(Lengths.Length, 19, 5) * 10;
        Tensor lengths = tensor(Lengths);
        using (torch.no_grad())
        {
            Tensor ours = RecurrentOps.Sequence(gru, padded, lengths);
            ours.requires_grad.ShouldBeFalse();
            (ours - Packed(gru, padded, lengths, true, true)).abs().max().item<float>().ShouldBeLessThan(1e-5f);
            Tensor last = RecurrentOps.LastState(gru, padded, lengths, bidirectional: true);
            (last - Packed(gru, padded, lengths, false, true)).abs().max().item<float>().ShouldBeLessThan(1e-5f);
        }
    }

    [Fact]
    public void BidirectionalGruLeavesNoTensorsBehind()
    {
        // What forward keeps for backward and what backward returns belong to the caller's scope; a graph dropped
        // without backward takes its saved tensors with it.
        torch.random.manual_seed(27);
        using GRU gru = nn.GRU(5, 6, batchFirst: true, bidirectional: true);
        using Tensor padded = randn(Lengths.Length, 19, 5);
        using Tensor lengths = tensor(Lengths);
        var live = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            using (NewDisposeScope())
            {
                RecurrentOps.Sequence(gru, padded, lengths).sum().backward();
                _ = RecurrentOps.Sequence(gru, padded, lengths).sum().item<float>();
            }

            live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        // The first backward creates the parameters' .grad tensors; after it, nothing may accumulate.
        live.Skip(1).Distinct().Count().ShouldBe(1, $"live tensors after each step: [{string.Join(", ", live)}]");
    }

    [Fact]
    public void BidirectionalGruBackwardTwiceWithRetainedGraphDoublesTheGradients()
    {
        torch.random.manual_seed(28);
        using var scope = NewDisposeScope();
        using GRU gru = nn.GRU(5, 6, batchFirst: true, bidirectional: true);
        Tensor padded = randn(Lengths.Length, 19, 5);
        Tensor loss = RecurrentOps.Sequence(gru, padded, tensor(Lengths)).pow(2).sum();
        loss.backward(retain_graph: true);
        Tensor once = gru.parameters().First().grad!.clone();
        loss.backward();
        (gru.parameters().First().grad! - (2 * once)).abs().max().item<float>().ShouldBeLessThan(1e-5f);
        once.abs().max().item<float>().ShouldBeGreaterThan(0f);
    }

    [Fact]
    public void BidirectionalLayersStillMatchEachSequenceAlone()
    {
        torch.random.manual_seed(22);
        using var scope = NewDisposeScope();
        using GRU gru = nn.GRU(5, 6, numLayers: 1, batchFirst: true, bidirectional: true);
        Tensor padded = randn(Lengths.Length, 19, 5) * 10;
        Tensor batched = RecurrentOps.Sequence(gru, padded, tensor(Lengths));
        for (int i = 0; i < Lengths.Length; i++)
        {
            Tensor alone = RecurrentOps.Sequence(gru, padded[i, ..(int)Lengths[i]].unsqueeze(0), null);
            (batched[i, ..(int)Lengths[i]] - alone[0]).abs().max().item<float>().ShouldBeLessThan(1e-5f);
        }
    }

    private static nn.Module Create(string kind) => kind switch
    {
        "lstm" => nn.LSTM(5, 6, numLayers: 2, batchFirst: true),
        "gru" => nn.GRU(5, 6, numLayers: 2, batchFirst: true),
        "rnn" => nn.RNN(5, 6, numLayers: 2, batchFirst: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Tensor Ours(nn.Module module, Tensor x, Tensor lengths, bool returnSequences) => module switch
    {
        LSTM lstm => returnSequences ? RecurrentOps.Sequence(lstm, x, lengths) : RecurrentOps.LastState(lstm, x, lengths, bidirectional: false),
        GRU gru => returnSequences ? RecurrentOps.Sequence(gru, x, lengths) : RecurrentOps.LastState(gru, x, lengths, bidirectional: false),
        RNN rnn => returnSequences ? RecurrentOps.Sequence(rnn, x, lengths) : RecurrentOps.LastState(rnn, x, lengths, bidirectional: false),
        _ => throw new ArgumentOutOfRangeException(nameof(module)),
    };

    // What packing gives, written directly against TorchSharp.
    private static Tensor Packed(nn.Module module, Tensor x, Tensor lengths, bool returnSequences, bool bidirectional = false)
    {
        PackedSequence input = pack_padded_sequence(x, lengths, batch_first: true, enforce_sorted: false);
        (PackedSequence output, Tensor hn) = module switch
        {
            LSTM lstm => Drop(lstm.call(input)),
            GRU gru => gru.call(input),
            RNN rnn => rnn.call(input),
            _ => throw new ArgumentOutOfRangeException(nameof(module)),
        };
        return returnSequences
            ? pad_packed_sequence(output, batch_first: true, total_length: x.shape[1]).Item1
            : bidirectional ? cat([hn[hn.shape[0] - 2], hn[hn.shape[0] - 1]], 1) : hn[hn.shape[0] - 1];
    }

    private static (PackedSequence, Tensor) Drop((PackedSequence Output, Tensor H, Tensor C) result) => (result.Output, result.H);
}
