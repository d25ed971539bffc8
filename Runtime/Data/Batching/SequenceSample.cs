using System;

namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>A variable-length sequence of feature vectors with an integer label.</summary>
/// <param name="Features">Row-major <c>[T, F]</c> values.</param>
/// <param name="FeatureCount">F, the width of one step.</param>
/// <param name="Label">Class index.</param>
public sealed record SequenceSample(float[] Features, int FeatureCount, long Label)
{
    /// <summary>Number of steps T.</summary>
    public int Length => FeatureCount == 0 ? 0 : Features.Length / FeatureCount;

    /// <summary>Checks that the feature array holds whole steps.</summary>
    /// <exception cref="ArgumentException">The array length is not a multiple of <see cref="FeatureCount"/>.</exception>
    public void Validate()
    {
        if (FeatureCount <= 0 || Features.Length % FeatureCount != 0)
        {
            throw new ArgumentException($"A sequence of {Features.Length} values is not whole steps of {FeatureCount} features.");
        }
    }
}
