namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>How a <see cref="DataLoader{T}"/> cuts an epoch into batches.</summary>
public sealed record DataLoaderOptions
{
    /// <summary>Samples per batch (the last batch may be smaller unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Shuffle the sample order every epoch (needs a generator passed to <see cref="IBatchLoader.GetBatches"/>).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Drop the last incomplete batch.</summary>
    public bool DropLast { get; init; }

    /// <summary>
    /// Bucketing by length: the shuffled samples are cut into chunks of this many batches, each chunk is sorted by length,
    /// cut into batches, and the batch order is shuffled again. 0 turns bucketing off. Needs a length function.
    /// </summary>
    public int BucketChunkBatches { get; init; }

    /// <summary>Batches of samples read ahead by a background task (0: read on the consuming thread).</summary>
    public int PrefetchBatches { get; init; }
}
