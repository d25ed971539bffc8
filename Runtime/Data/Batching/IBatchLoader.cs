using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>
/// What the trainer reads an epoch from. Each <see cref="Batch"/> is collated when the enumerator's
/// <c>MoveNext</c> runs, on the calling thread, so its tensors land in the caller's current dispose scope.
/// </summary>
public interface IBatchLoader
{
    /// <summary>Number of samples one epoch visits.</summary>
    int SampleCount { get; }

    /// <summary>Number of batches in one epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>Plans one epoch and returns its batches.</summary>
    /// <param name="random">Shuffling generator (advanced while planning); null keeps the dataset order.</param>
    /// <returns>The epoch's batches, collated lazily.</returns>
    IEnumerable<Batch> GetBatches(ShuffleRandom? random);
}
