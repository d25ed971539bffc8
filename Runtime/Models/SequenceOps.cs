using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// Tensor operations that generated models use for variable-length sequences. Each accepts null lengths and
/// then does the plain (unmasked) operation, so a generated <c>forward</c> reads the same with or without lengths.
/// </summary>
public static class SequenceOps
{
    /// <summary>A [B, T] boolean mask: true at the valid steps of each sequence.</summary>
    /// <param name="lengths">Valid lengths, int64 [B].</param>
    /// <param name="steps">T, the padded length.</param>
    /// <returns>The mask, on the lengths' device.</returns>
    public static Tensor ValidSteps(Tensor lengths, long steps)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        using Tensor positions = arange(steps, dtype: ScalarType.Int64, device: lengths.device);
        return positions.unsqueeze(0) < lengths.to_type(ScalarType.Int64).unsqueeze(1);
    }

    /// <summary>Sets the padded steps of <paramref name="x"/> to <paramref name="value"/> (zero before a convolution, -inf before max pooling).</summary>
    /// <param name="x">A batch of sequences; time is axis <paramref name="timeDim"/> and the batch axis 0.</param>
    /// <param name="lengths">Valid lengths [B], or null to return <paramref name="x"/> unchanged.</param>
    /// <param name="timeDim">The time axis: 1 for [B, T, C], 2 for [B, C, T].</param>
    /// <param name="value">What padded steps become.</param>
    /// <returns>The masked tensor.</returns>
    public static Tensor MaskTime(Tensor x, Tensor? lengths, long timeDim, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (lengths is null)
        {
            return x;
        }

        using Tensor valid = ValidSteps(lengths.to(x.device), x.shape[timeDim]);
        using Tensor shaped = timeDim == 1 ? valid.unsqueeze(2) : valid.unsqueeze(1);
        using Tensor padded = shaped.logical_not();
        return x.masked_fill(padded, value);
    }

    /// <summary>
    /// Lengths after a window operation (convolution or pooling) along time:
    /// floor((L + padding - dilation * (kernel - 1) - 1) / stride) + 1 (ceil with <paramref name="ceilMode"/>), at least 1.
    /// </summary>
    /// <param name="lengths">Valid lengths [B], or null.</param>
    /// <param name="kernel">Window size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Total padding added along time (left + right).</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="ceilMode">Round the division up (pooling with padding: same).</param>
    /// <returns>The new lengths, or null when <paramref name="lengths"/> is null.</returns>
    public static Tensor? WindowLengths(Tensor? lengths, long kernel, long stride, long padding, long dilation = 1, bool ceilMode = false)
    {
        if (lengths is null)
        {
            return null;
        }

        long span = padding - (dilation * (kernel - 1)) - 1;
        using Tensor shifted = lengths.to_type(ScalarType.Int64) + (span + (ceilMode ? stride - 1 : 0));
        using Tensor divided = shifted.div(stride, RoundingMode.floor);
        return (divided + 1).clamp_min(1);
    }

    /// <summary>Mean over the valid steps of each sequence (the plain mean over time when <paramref name="lengths"/> is null).</summary>
    /// <param name="x">[B, T, C] or [B, C, T].</param>
    /// <param name="lengths">Valid lengths [B], or null.</param>
    /// <param name="timeDim">The time axis (1 or 2).</param>
    /// <returns>[B, C].</returns>
    public static Tensor MeanOverTime(Tensor x, Tensor? lengths, long timeDim)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (lengths is null)
        {
            return x.mean([timeDim]);
        }

        using Tensor masked = MaskTime(x, lengths, timeDim);
        using Tensor sum = masked.sum(timeDim);
        using Tensor count = lengths.to(x.device).to_type(x.dtype).clamp_min(1).unsqueeze(1);
        return sum / count;
    }

    /// <summary>Maximum over the valid steps of each sequence (over all steps when <paramref name="lengths"/> is null).</summary>
    /// <param name="x">[B, T, C] or [B, C, T].</param>
    /// <param name="lengths">Valid lengths [B], or null.</param>
    /// <param name="timeDim">The time axis (1 or 2).</param>
    /// <returns>[B, C].</returns>
    public static Tensor MaxOverTime(Tensor x, Tensor? lengths, long timeDim)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (lengths is null)
        {
            return x.amax([timeDim]);
        }

        using Tensor masked = MaskTime(x, lengths, timeDim, double.NegativeInfinity);
        return masked.amax([timeDim]);
    }

    /// <summary>
    /// Multi-head self-attention over a batch-first sequence, masked by lengths: the padded steps of a sequence are
    /// never attended (as keys), so a padded batch gives, at each sequence's valid steps, what the sequence gives alone.
    /// With <paramref name="causal"/>, step t attends to steps up to t only (Keras' <c>use_causal_mask</c>).
    /// </summary>
    /// <param name="attention">The module (<c>nn.MultiheadAttention(features, heads)</c>, which takes time-major input).</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="lengths">Valid lengths [B] (each at least 1), or null when every step is valid.</param>
    /// <param name="causal">Whether a step may only attend to itself and earlier steps.</param>
    /// <returns>[B, T, F]; padded steps hold values computed from the valid ones (mask them before a layer that mixes time).</returns>
    public static Tensor SelfAttention(MultiheadAttention attention, Tensor x, Tensor? lengths, bool causal = false)
    {
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(x);
        using DisposeScope scope = NewDisposeScope();
        long steps = x.shape[1];
        Tensor? ignored = lengths is null ? null : ValidSteps(lengths.to(x.device), steps).logical_not();
        // The C++ module adds attn_mask to the scores (a bool mask would add 1), so the causal mask is additive: -inf above the diagonal.
        Tensor? future = causal ? full(steps, steps, double.NegativeInfinity, dtype: x.dtype, device: x.device).triu(1) : null;
        Tensor timeMajor = x.transpose(0, 1);
        Tuple<Tensor, Tensor> result = attention.call(timeMajor, timeMajor, timeMajor, ignored, need_weights: false, attn_mask: future);
        return result.Item1.transpose(0, 1).MoveToOuterDisposeScope();
    }
}
