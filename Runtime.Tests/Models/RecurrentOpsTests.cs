using System;
using System.Linq;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace QuickDrawDsl.Runtime.Tests.Models;

/// <summary>
/// One-direction recurrent layers with lengths run over the padded batch instead of packing it: their outputs, last
/// states and gradients must equal packing's exactly (to float tolerance), with random garbage in the padding.
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
    private static Tensor Packed(nn.Module module, Tensor x, Tensor lengths, bool returnSequences)
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
            : hn[hn.shape[0] - 1];
    }

    private static (PackedSequence, Tensor) Drop((PackedSequence Output, Tensor H, Tensor C) result) => (result.Output, result.H);
}
