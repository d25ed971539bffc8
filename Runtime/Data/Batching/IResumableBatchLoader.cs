using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>
/// A loader that can start an epoch part-way through: what a trainer needs to continue from a mid-epoch checkpoint
/// exactly where it stopped.
/// </summary>
public interface IResumableBatchLoader : IBatchLoader
{
    /// <summary>
    /// Plans one epoch exactly as <see cref="IBatchLoader.GetBatches"/> does (advancing <paramref name="random"/> the same
    /// way) and returns its batches from index <paramref name="skipBatches"/> on, identical to the ones an uninterrupted
    /// epoch yields there; the skipped batches are not read or collated.
    /// </summary>
    /// <param name="random">Shuffling generator; null keeps the dataset order.</param>
    /// <param name="skipBatches">Batches already consumed, 0 to <see cref="IBatchLoader.BatchesPerEpoch"/>.</param>
    /// <returns>The rest of the epoch's batches.</returns>
    IEnumerable<Batch> GetBatches(ShuffleRandom? random, int skipBatches);
}
