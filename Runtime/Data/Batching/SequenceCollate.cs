using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>Collation of variable-length sequences into a zero-padded <c>[B, Tmax, F]</c> tensor plus int64 lengths <c>[B]</c>.</summary>
public static class SequenceCollate
{
    /// <summary>Pads sequences to the longest one in the list.</summary>
    /// <param name="sequences">Row-major <c>[T_i, F]</c> arrays.</param>
    /// <param name="featureCount">F.</param>
    /// <param name="lengths">Lengths int64 <c>[B]</c>.</param>
    /// <returns>Padded float32 <c>[B, Tmax, F]</c>.</returns>
    public static torch.Tensor Pad(IReadOnlyList<float[]> sequences, int featureCount, out torch.Tensor lengths)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        TorchNative.EnsureLoaded();
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        int batch = sequences.Count;
        var lens = new long[batch];
        int maxLength = 0;
        for (int b = 0; b < batch; b++)
        {
            if (sequences[b].Length % featureCount != 0)
            {
                throw new ArgumentException($"Sequence {b} has {sequences[b].Length} values, not whole steps of {featureCount} features.", nameof(sequences));
            }

            lens[b] = sequences[b].Length / featureCount;
            maxLength = Math.Max(maxLength, (int)lens[b]);
        }

        var data = new float[(long)batch * maxLength * featureCount];
        for (int b = 0; b < batch; b++)
        {
            sequences[b].CopyTo(data, (long)b * maxLength * featureCount);
        }

        lengths = torch.tensor(lens, new long[] { batch }, torch.int64);
        return torch.tensor(data, new long[] { batch, maxLength, featureCount }, torch.float32);
    }

    /// <summary>Collates labelled sequences into a classification batch with lengths.</summary>
    /// <param name="samples">The samples (all with the same feature count).</param>
    /// <returns>Inputs <c>[B, Tmax, F]</c>, targets int64 <c>[B]</c>, lengths int64 <c>[B]</c>.</returns>
    public static Batch Classification(IReadOnlyList<SequenceSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("Cannot collate an empty batch.", nameof(samples));
        }

        int features = samples[0].FeatureCount;
        var sequences = new float[samples.Count][];
        var labels = new long[samples.Count];
        for (int b = 0; b < samples.Count; b++)
        {
            if (samples[b].FeatureCount != features)
            {
                throw new ArgumentException($"Sample {b} has {samples[b].FeatureCount} features, sample 0 has {features}.", nameof(samples));
            }

            sequences[b] = samples[b].Features;
            labels[b] = samples[b].Label;
        }

        torch.Tensor inputs = Pad(sequences, features, out torch.Tensor lengths);
        return new Batch(inputs, torch.tensor(labels, new long[] { samples.Count }, torch.int64), lengths);
    }
}
