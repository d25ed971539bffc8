using System;
using System.Linq;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>
/// What the <c>ToOnnx</c> method of a generated model needs beyond single layers: the graph form of
/// <see cref="Models.SequenceOps"/> and <see cref="Models.RecurrentOps"/> (masking padded steps, lengths after windows,
/// masked pooling over time, the top layer's final state) and folding the time axis into the batch for
/// <c>time_distributed</c>. Every helper taking optional <c>lengths</c> does the plain operation when they are
/// <see langword="null"/>, as its TorchSharp counterpart does.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>Sets the padded steps of <paramref name="x"/> to <paramref name="value"/>, like <see cref="Models.SequenceOps.MaskTime"/> (<c>Range</c>, <c>Less</c>, <c>Where</c>).</summary>
    /// <param name="x">A batch of sequences; the batch is axis 0, time axis <paramref name="timeDim"/>.</param>
    /// <param name="lengths">The int64 <c>[batch]</c> valid lengths, or <see langword="null"/> to return <paramref name="x"/> unchanged.</param>
    /// <param name="timeDim">The time axis: 1 for <c>[B, T, C]</c>, 2 for <c>[B, C, T]</c>.</param>
    /// <param name="value">What padded steps become (zero before a convolution, negative infinity before max pooling).</param>
    /// <returns>The masked value.</returns>
    public OnnxValue MaskTime(OnnxValue x, OnnxValue? lengths, long timeDim, float value = 0f)
    {
        Checked(x);
        if (lengths is null)
        {
            return x;
        }

        if (timeDim < 1 || timeDim >= x.Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(timeDim), timeDim, $"The time axis of {x} must be one of 1..{x.Rank - 1}.");
        }

        OnnxValue steps = Squeeze(Shape(x, timeDim, timeDim + 1), 0);
        OnnxValue positions = Emit("Range", [Int64Scalar(0), steps, Int64Scalar(1)], 1);
        OnnxValue valid = Emit("Less", [Unsqueeze(positions, 0), Unsqueeze(lengths, 1)], 2);
        long[] axes = Enumerable.Range(1, x.Rank - 1).Where(a => a != timeDim).Select(a => (long)a).ToArray();
        OnnxValue shaped = axes.Length == 0 ? valid : Unsqueeze(valid, axes);
        return Emit("Where", [shaped, x, FloatScalar(value)], x.Rank);
    }

    /// <summary>
    /// Lengths after a window operation along time, like <see cref="Models.SequenceOps.WindowLengths"/>:
    /// <c>floor((L + padding - dilation * (kernel - 1) - 1) / stride) + 1</c> (rounded up with <paramref name="ceilMode"/>), at least 1.
    /// </summary>
    /// <param name="lengths">The int64 <c>[batch]</c> lengths, or <see langword="null"/>.</param>
    /// <param name="kernel">Window size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Total padding along time (left + right).</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="ceilMode">Round the division up.</param>
    /// <returns>The new lengths, or <see langword="null"/> when <paramref name="lengths"/> is.</returns>
    public OnnxValue? WindowLengths(OnnxValue? lengths, long kernel, long stride, long padding, long dilation = 1, bool ceilMode = false)
    {
        if (lengths is null)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        long span = padding - (dilation * (kernel - 1)) - 1 + (ceilMode ? stride - 1 : 0);

        // Integer Div truncates where floor division rounds down; they differ only for a negative numerator, where
        // both results end at or below 1 and the clamp makes them 1.
        OnnxValue divided = Div(Add(Checked(lengths), Int64Scalar(span)), Int64Scalar(stride));
        return Emit("Max", [Add(divided, Int64Scalar(1)), Int64Scalar(1)], 1);
    }

    /// <summary>Mean over the valid steps of each sequence, like <see cref="Models.SequenceOps.MeanOverTime"/> (the plain mean without lengths).</summary>
    /// <param name="x"><c>[B, T, C]</c> or <c>[B, C, T]</c>.</param>
    /// <param name="lengths">The int64 <c>[batch]</c> lengths, or <see langword="null"/>.</param>
    /// <param name="timeDim">The time axis (1 or 2).</param>
    /// <returns><c>[B, C]</c>.</returns>
    public OnnxValue MeanOverTime(OnnxValue x, OnnxValue? lengths, long timeDim)
    {
        if (lengths is null)
        {
            return ReduceMean(x, [timeDim]);
        }

        OnnxValue sum = ReduceSum(MaskTime(x, lengths, timeDim), [timeDim]);
        OnnxValue count = Unsqueeze(Cast(Emit("Max", [lengths, Int64Scalar(1)], 1), OnnxElementType.Float), 1);
        return Div(sum, count);
    }

    /// <summary>Maximum over the valid steps of each sequence, like <see cref="Models.SequenceOps.MaxOverTime"/> (over all steps without lengths).</summary>
    /// <param name="x"><c>[B, T, C]</c> or <c>[B, C, T]</c>.</param>
    /// <param name="lengths">The int64 <c>[batch]</c> lengths, or <see langword="null"/>.</param>
    /// <param name="timeDim">The time axis (1 or 2).</param>
    /// <returns><c>[B, C]</c>.</returns>
    public OnnxValue MaxOverTime(OnnxValue x, OnnxValue? lengths, long timeDim)
        => ReduceMax(MaskTime(x, lengths, timeDim, float.NegativeInfinity), [timeDim]);

    /// <summary>
    /// The lengths a packed recurrent layer sees, clamped to <c>[1, T]</c> as <see cref="Models.RecurrentOps"/> clamps
    /// them before <c>pack_padded_sequence</c>; pass the result as the <c>lengths</c> of <see cref="Lstm"/>, <see cref="Gru"/> or <see cref="Rnn"/>.
    /// </summary>
    /// <param name="x">The batch-first recurrent input <c>[B, T, F]</c>.</param>
    /// <param name="lengths">The int64 <c>[batch]</c> lengths, or <see langword="null"/>.</param>
    /// <returns>The clamped lengths, or <see langword="null"/> when <paramref name="lengths"/> is.</returns>
    public OnnxValue? PackedLengths(OnnxValue x, OnnxValue? lengths)
    {
        if (lengths is null)
        {
            return null;
        }

        OnnxValue atLeastOne = Emit("Max", [lengths, Int64Scalar(1)], 1);
        return Emit("Min", [atLeastOne, Shape(Checked(x), 1, 2)], 1);
    }

    /// <summary>The top layer's final hidden state, both directions concatenated, like <c>RecurrentOps.LastState</c>: <c>[B, H × directions]</c>.</summary>
    /// <param name="hidden"><c>h_n</c>, <c>[layers × directions, B, H]</c> (<see cref="OnnxRecurrentResult.Hidden"/>).</param>
    /// <param name="bidirectional">Whether the layer is bidirectional.</param>
    /// <returns>The state.</returns>
    public OnnxValue TopLayerState(OnnxValue hidden, bool bidirectional)
    {
        if (Checked(hidden).Rank != 3)
        {
            throw new ArgumentException($"h_n must be [layers × directions, batch, hidden], got {hidden}.", nameof(hidden));
        }

        return bidirectional ? Concat(1, Select(hidden, -2, 0), Select(hidden, -1, 0)) : Select(hidden, -1, 0);
    }

    /// <summary>Folds the time axis into the batch, <c>[B, T, ..]</c> to <c>[B × T, ..]</c> (like <c>x.flatten(0, 1)</c>), for a layer applied to every step.</summary>
    /// <param name="x">A value of rank 3 or more.</param>
    /// <returns>The folded value.</returns>
    public OnnxValue FoldTime(OnnxValue x)
    {
        if (Checked(x).Rank < 3)
        {
            throw new ArgumentException($"FoldTime needs [batch, time, ..] of rank 3 or more, got {x}.", nameof(x));
        }

        return Emit("Reshape", [x, Concat(0, Int64Vector(-1), Shape(x, 2))], x.Rank - 1);
    }

    /// <summary>Undoes <see cref="FoldTime"/>: <c>[B × T, ..]</c> to <c>[B, T, ..]</c>.</summary>
    /// <param name="x">The per-step result.</param>
    /// <param name="batchAndTime">The 1-D int64 value <c>[B, T]</c>, taken before folding with <c>Shape(x, 0, 2)</c>.</param>
    /// <returns>The unfolded value.</returns>
    public OnnxValue UnfoldTime(OnnxValue x, OnnxValue batchAndTime)
    {
        if (Checked(x).Rank < 2)
        {
            throw new ArgumentException($"UnfoldTime needs [batch × time, ..] of rank 2 or more, got {x}.", nameof(x));
        }

        return Emit("Reshape", [x, Concat(0, Checked(batchAndTime), Shape(x, 1))], x.Rank + 1);
    }

    /// <summary>A float32 tensor of zeros shaped like <paramref name="like"/> (<c>ConstantOfShape</c>; <c>zeros_like</c>).</summary>
    /// <param name="like">The value whose shape is taken.</param>
    /// <returns>The zeros.</returns>
    public OnnxValue ZerosLike(OnnxValue like) => Emit("ConstantOfShape", [Shape(Checked(like))], like.Rank);

    /// <summary>Float32 zeros <c>[B, trailing..]</c> with the batch size of <paramref name="batchOf"/> (e.g. a decoder's first input <c>[B, 1, F]</c>).</summary>
    /// <param name="batchOf">A value whose axis 0 is the batch.</param>
    /// <param name="trailing">The fixed sizes after the batch axis (at least one).</param>
    /// <returns>The zeros.</returns>
    public OnnxValue Zeros(OnnxValue batchOf, params long[] trailing)
    {
        ArgumentNullException.ThrowIfNull(trailing);
        if (trailing.Length == 0)
        {
            throw new ArgumentException("Zeros needs at least one size after the batch axis.", nameof(trailing));
        }

        OnnxValue shape = Concat(0, Shape(Checked(batchOf), 0, 1), Int64Vector(trailing));
        return Emit("ConstantOfShape", [shape], trailing.Length + 1);
    }

    /// <summary>SiLU (swish) <c>x * sigmoid(x)</c>, as <c>F.silu</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public OnnxValue Silu(OnnxValue x) => Mul(Checked(x), Sigmoid(x));
}
