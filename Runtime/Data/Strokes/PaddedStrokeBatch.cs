using System;
using System.Collections.Generic;
using System.Globalization;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>
/// A batch of variable-length sequences padded with zeros to a common length: values <c>[B, T, F]</c>, lengths
/// <c>[B]</c> and a mask <c>[B, T]</c> (1 on real steps, 0 on padding), as arrays and as TorchSharp tensors.
/// </summary>
public sealed class PaddedStrokeBatch
{
    private PaddedStrokeBatch(float[] values, long[] lengths, float[] mask, int batchSize, int steps, int features)
    {
        Values = values;
        Lengths = lengths;
        Mask = mask;
        BatchSize = batchSize;
        Steps = steps;
        Features = features;
    }

    /// <summary>Row-major <c>[B, T, F]</c> values, zero on padding.</summary>
    public float[] Values { get; }

    /// <summary>The real length of each sequence (after truncation).</summary>
    public long[] Lengths { get; }

    /// <summary>Row-major <c>[B, T]</c>: 1 on real steps, 0 on padding.</summary>
    public float[] Mask { get; }

    /// <summary>B, the number of sequences.</summary>
    public int BatchSize { get; }

    /// <summary>T, the padded length.</summary>
    public int Steps { get; }

    /// <summary>F, the values per step.</summary>
    public int Features { get; }

    /// <summary>
    /// Pads stroke-3 sequences to the longest of the batch, or to <paramref name="maxLength"/> when given: longer
    /// sequences are truncated as <see cref="StrokeResampling.Truncate"/> does, and T is the batch maximum capped by it.
    /// </summary>
    /// <param name="sequences">The sequences (at least one).</param>
    /// <param name="maxLength">The cap on T; null for the batch maximum.</param>
    /// <param name="padToMaxLength">Use T = <paramref name="maxLength"/> even when every sequence is shorter (fixed shapes).</param>
    /// <returns>The batch with F = 3.</returns>
    public static PaddedStrokeBatch FromStroke3(IReadOnlyList<Stroke3Sequence> sequences, int? maxLength = null, bool padToMaxLength = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var rows = new float[sequences.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            Stroke3Sequence s = maxLength is int cap ? StrokeResampling.Truncate(sequences[i], cap) : sequences[i];
            rows[i] = s.Data;
        }

        return FromRows(rows, Stroke3Sequence.Columns, maxLength, padToMaxLength);
    }

    /// <summary>Pads row-major sequences of <paramref name="features"/> values per step (e.g. stroke-5), cutting them at <paramref name="maxLength"/>.</summary>
    /// <param name="sequences">Each sequence's values, <c>length * features</c> long.</param>
    /// <param name="features">F.</param>
    /// <param name="maxLength">The cap on T; null for the batch maximum.</param>
    /// <param name="padToMaxLength">Use T = <paramref name="maxLength"/> even when every sequence is shorter.</param>
    /// <returns>The batch.</returns>
    public static PaddedStrokeBatch FromRows(IReadOnlyList<float[]> sequences, int features, int? maxLength = null, bool padToMaxLength = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (sequences.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one sequence", nameof(sequences));
        }

        if (maxLength is int m)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(m, 1, nameof(maxLength));
        }

        int longest = 0;
        foreach (float[] s in sequences)
        {
            if (s.Length % features != 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"a sequence has {s.Length} values, not a multiple of {features}"), nameof(sequences));
            }

            longest = Math.Max(longest, s.Length / features);
        }

        int steps = maxLength is int cap ? (padToMaxLength ? cap : Math.Min(longest, cap)) : longest;
        steps = Math.Max(steps, 1);
        int b = sequences.Count;
        float[] values = new float[(long)b * steps * features];
        float[] mask = new float[b * steps];
        long[] lengths = new long[b];
        for (int i = 0; i < b; i++)
        {
            int len = Math.Min(sequences[i].Length / features, steps);
            lengths[i] = len;
            Array.Copy(sequences[i], 0, values, (long)i * steps * features, (long)len * features);
            mask.AsSpan(i * steps, len).Fill(1f);
        }

        return new PaddedStrokeBatch(values, lengths, mask, b, steps, features);
    }

    /// <summary>The values as a float32 tensor <c>[B, T, F]</c> (a copy; the caller disposes it, e.g. with a dispose scope).</summary>
    /// <param name="device">Where to put it; null for the CPU.</param>
    /// <returns>The tensor.</returns>
    public Tensor ValuesTensor(Device? device = null)
    {
        TorchNative.EnsureLoaded();
        return torch.tensor(Values, new long[] { BatchSize, Steps, Features }, device: device);
    }

    /// <summary>The lengths as an int64 tensor <c>[B]</c> (a copy; the caller disposes it).</summary>
    /// <param name="device">Where to put it; null for the CPU.</param>
    /// <returns>The tensor.</returns>
    public Tensor LengthsTensor(Device? device = null)
    {
        TorchNative.EnsureLoaded();
        return torch.tensor(Lengths, new long[] { BatchSize }, device: device);
    }

    /// <summary>The mask as a float32 tensor <c>[B, T]</c> (a copy; the caller disposes it).</summary>
    /// <param name="device">Where to put it; null for the CPU.</param>
    /// <returns>The tensor.</returns>
    public Tensor MaskTensor(Device? device = null)
    {
        TorchNative.EnsureLoaded();
        return torch.tensor(Mask, new long[] { BatchSize, Steps }, device: device);
    }
}
