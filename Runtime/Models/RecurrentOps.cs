using System;
using System.Linq;
using System.Runtime.CompilerServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// Runs batch-first recurrent modules for generated models, Keras style: every step's output
/// (<c>return_sequences: true</c>) or the last state. With lengths, a padded batch gives the same result as each
/// sequence alone, forward and backward: a one-direction layer runs over the whole padded batch (libtorch then
/// computes the input projection of all steps in one product) and each sequence's outputs are cut at its own end. A
/// bidirectional layer's reverse direction must start at each sequence's own last step: a one-layer bidirectional GRU
/// on the CPU runs both directions to each end, the reverse one over each sequence reversed within its length
/// (<see cref="BidirectionalGru"/>); other bidirectional layers are packed.
/// </summary>
public static class RecurrentOps
{
    private static readonly ConditionalWeakTable<torch.nn.Module, StrongBox<bool>> Directions = new();

    /// <summary>Every step's output of an LSTM: [B, T, H × directions].</summary>
    /// <param name="lstm">A batch-first LSTM.</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="lengths">Valid lengths [B], or null when nothing is padded.</param>
    /// <returns>[B, T, H × directions]; padded steps are zero.</returns>
    public static Tensor Sequence(LSTM lstm, Tensor x, Tensor? lengths)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        return Run(x, lengths, returnSequences: true, lengths is not null && IsBidirectional(lstm), Plain(lstm), Packed(lstm));
    }

    /// <summary>Every step's output of a GRU: [B, T, H × directions].</summary>
    /// <param name="gru">A batch-first GRU.</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="lengths">Valid lengths [B], or null.</param>
    /// <returns>[B, T, H × directions].</returns>
    public static Tensor Sequence(GRU gru, Tensor x, Tensor? lengths)
    {
        ArgumentNullException.ThrowIfNull(gru);
        ArgumentNullException.ThrowIfNull(x);
        if (lengths is not null && BidirectionalGru.Applies(gru, x))
        {
            return BidirectionalGru.Sequence(gru, x, lengths);
        }

        return Run(x, lengths, returnSequences: true, lengths is not null && IsBidirectional(gru), t => gru.call(t), p => gru.call(p));
    }

    /// <summary>Every step's output of a simple RNN: [B, T, H × directions].</summary>
    /// <param name="rnn">A batch-first RNN.</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="lengths">Valid lengths [B], or null.</param>
    /// <returns>[B, T, H × directions].</returns>
    public static Tensor Sequence(RNN rnn, Tensor x, Tensor? lengths)
    {
        ArgumentNullException.ThrowIfNull(rnn);
        return Run(x, lengths, returnSequences: true, lengths is not null && IsBidirectional(rnn), t => rnn.call(t), p => rnn.call(p));
    }

    /// <summary>The top layer's final hidden state of an LSTM (both directions concatenated): [B, H × directions].</summary>
    /// <param name="lstm">A batch-first LSTM.</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="lengths">Valid lengths [B], or null; with lengths the state is taken at each sequence's last valid step.</param>
    /// <param name="bidirectional">Whether the module is bidirectional.</param>
    /// <returns>[B, H × directions].</returns>
    public static Tensor LastState(LSTM lstm, Tensor x, Tensor? lengths, bool bidirectional)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        return Run(x, lengths, returnSequences: false, bidirectional, Plain(lstm), Packed(lstm));
    }

    /// <summary>The top layer's final hidden state of a GRU: [B, H × directions].</summary>
    /// <param name="gru">A batch-first GRU.</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="lengths">Valid lengths [B], or null.</param>
    /// <param name="bidirectional">Whether the module is bidirectional.</param>
    /// <returns>[B, H × directions].</returns>
    public static Tensor LastState(GRU gru, Tensor x, Tensor? lengths, bool bidirectional)
    {
        ArgumentNullException.ThrowIfNull(gru);
        ArgumentNullException.ThrowIfNull(x);
        if (lengths is not null && bidirectional && BidirectionalGru.Applies(gru, x))
        {
            return BidirectionalGru.LastState(gru, x, lengths);
        }

        return Run(x, lengths, returnSequences: false, bidirectional, t => gru.call(t), p => gru.call(p));
    }

    /// <summary>The top layer's final hidden state of a simple RNN: [B, H × directions].</summary>
    /// <param name="rnn">A batch-first RNN.</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="lengths">Valid lengths [B], or null.</param>
    /// <param name="bidirectional">Whether the module is bidirectional.</param>
    /// <returns>[B, H × directions].</returns>
    public static Tensor LastState(RNN rnn, Tensor x, Tensor? lengths, bool bidirectional)
    {
        ArgumentNullException.ThrowIfNull(rnn);
        return Run(x, lengths, returnSequences: false, bidirectional, t => rnn.call(t), p => rnn.call(p));
    }

    /// <summary>
    /// Runs a recurrent module on a plain or (with lengths) packed batch and keeps what is asked for: every step's
    /// output, or the top layer's final state. Everything else it returns is disposed here.
    /// </summary>
    private static Tensor Run(
        Tensor x,
        Tensor? lengths,
        bool returnSequences,
        bool bidirectional,
        Func<Tensor, (Tensor Output, Tensor State)> plain,
        Func<PackedSequence, (PackedSequence Output, Tensor State)> packed)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (lengths is null)
        {
            (Tensor output, Tensor state) = plain(x);
            using (returnSequences ? state : output)
            {
                return returnSequences ? output : TopLayer(state, bidirectional);
            }
        }

        if (!bidirectional)
        {
            return RunToEachEnd(x, lengths, returnSequences, plain);
        }

        using PackedSequence input = Pack(x, lengths);
        (PackedSequence result, Tensor hn) = packed(input);
        using (result)
        using (hn)
        {
            return returnSequences ? Unpack(result, x.shape[1]) : TopLayer(hn, bidirectional);
        }
    }

    // One direction: the output at step t depends on steps 0..t only, so running over the padding changes nothing
    // at valid steps. Padded inputs are zeroed first (they stay finite, so the zero gradient of the padded outputs
    // adds exactly nothing to the weights' gradients), padded outputs are zeroed after, and the last state is each
    // sequence's output at its own last step, as packing would give.
    private static Tensor RunToEachEnd(Tensor x, Tensor lengths, bool returnSequences, Func<Tensor, (Tensor Output, Tensor State)> plain)
    {
        long steps = x.shape[1];
        using Tensor clamped = lengths.to(x.device).to_type(ScalarType.Int64).clamp(1, steps);
        using Tensor validSteps = SequenceOps.ValidSteps(clamped, steps);
        using Tensor valid = validSteps.unsqueeze(2);
        using Tensor padding = valid.logical_not();
        using Tensor clean = x.masked_fill(padding, 0);
        (Tensor output, Tensor state) = plain(clean);
        using (output)
        using (state)
        {
            if (returnSequences)
            {
                return output.masked_fill(padding, 0);
            }

            using Tensor lastStep = clamped - 1;
            using Tensor index = lastStep.view(-1, 1, 1);
            using Tensor last = index.expand(-1, 1, output.shape[2]);
            using Tensor gathered = output.gather(1, last);
            return gathered.squeeze(1);
        }
    }

    // Whether a recurrent module has a reverse direction, read once per module from its parameter names.
    private static bool IsBidirectional(torch.nn.Module module) =>
        Directions.GetValue(module, m => new StrongBox<bool>(m.named_parameters().Any(p => p.name.EndsWith("_reverse", StringComparison.Ordinal)))).Value;

    /// <summary>
    /// One call of a batch-first LSTM from a given state, as generated decoders make it step by step: the same as
    /// <c>lstm.call(x, state)</c>, but an inference call on the CPU stays off libtorch's faulty oneDNN kernel (see <see cref="LstmInference"/>).
    /// </summary>
    /// <param name="lstm">A batch-first LSTM.</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="state">The initial (h, c), each [layers × directions, B, H].</param>
    /// <returns>Every step's output [B, T, H × directions] and the final (h, c).</returns>
    public static (Tensor Output, Tensor H, Tensor C) Call(LSTM lstm, Tensor x, (Tensor H, Tensor C) state)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        ArgumentNullException.ThrowIfNull(x);
        return LstmInference.Needed(x) ? LstmInference.Run(lstm, x, state) : lstm.call(x, state);
    }

    private static Func<Tensor, (Tensor, Tensor)> Plain(LSTM lstm) => t =>
    {
        (Tensor output, Tensor h, Tensor c) = LstmInference.Needed(t) ? LstmInference.Run(lstm, t, null) : lstm.call(t);
        c.Dispose();
        return (output, h);
    };

    private static Func<PackedSequence, (PackedSequence, Tensor)> Packed(LSTM lstm) => p =>
    {
        (PackedSequence output, Tensor h, Tensor c) = lstm.call(p);
        c.Dispose();
        return (output, h);
    };

    private static PackedSequence Pack(Tensor x, Tensor lengths)
    {
        // pack_padded_sequence wants CPU int64 lengths, whatever the data's device.
        using Tensor cpuLengths = lengths.to(CPU).to_type(ScalarType.Int64).clamp(1, x.shape[1]);
        return pack_padded_sequence(x, cpuLengths, batch_first: true, enforce_sorted: false);
    }

    private static Tensor Unpack(PackedSequence packed, long steps)
    {
        (Tensor padded, Tensor lengths) = pad_packed_sequence(packed, batch_first: true, padding_value: 0, total_length: steps);
        lengths.Dispose();
        return padded;
    }

    private static Tensor TopLayer(Tensor hn, bool bidirectional)
    {
        // h_n is [layers × directions, B, H]; the top layer's directions are the last entries.
        long n = hn.shape[0];
        return bidirectional ? cat([hn[n - 2], hn[n - 1]], 1) : hn[n - 1].clone();
    }
}
