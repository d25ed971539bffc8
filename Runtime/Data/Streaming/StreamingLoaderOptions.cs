using System;

namespace QuickDrawDsl.Runtime.Data.Streaming;

/// <summary>How a <see cref="CacheBatchLoader{T}"/> streams an epoch. Memory is bounded by these numbers, not by the data.</summary>
public sealed record StreamingLoaderOptions
{
    /// <summary>Samples per batch (default 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Shuffle every epoch (needs a generator): block order, shuffle buffer, batch order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Consecutive drawings of one shard read together (default 64): the epoch visits the blocks of every shard of the
    /// split in a random order, so reads stay sequential within a block while classes mix across blocks.
    /// </summary>
    public int BlockSize { get; init; } = 64;

    /// <summary>Drawings held in the shuffle buffer (default 16,384; 0 turns it off): each output is a random pick from it.</summary>
    public int ShuffleBufferSize { get; init; } = 16_384;

    /// <summary>
    /// Length bucketing: the shuffled stream is cut into chunks of this many batches, each chunk is sorted by point
    /// count, cut into batches, and the chunk's batch order is shuffled (default 8; 0 turns it off).
    /// </summary>
    public int BucketChunkBatches { get; init; } = 8;

    /// <summary>Batches prepared ahead of the consumer (default 8).</summary>
    public int PrefetchBatches { get; init; } = 8;

    /// <summary>Worker threads that turn drawings into samples (preprocessing and augmentation; default: processor count).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, "options.BatchSize");
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1, "options.BlockSize");
        ArgumentOutOfRangeException.ThrowIfNegative(ShuffleBufferSize, "options.ShuffleBufferSize");
        ArgumentOutOfRangeException.ThrowIfNegative(BucketChunkBatches, "options.BucketChunkBatches");
        ArgumentOutOfRangeException.ThrowIfLessThan(PrefetchBatches, 1, "options.PrefetchBatches");
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, "options.Workers");
    }
}
