using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.QuickDraw;

namespace QuickDrawDsl.Runtime.Data.Streaming;

/// <summary>
/// Streams one split of a prepared <see cref="DrawingCache"/> as batches, in memory bounded by its options whatever the
/// size of the data: shard blocks in a seeded random order (<see cref="BlockPermutation"/>), a bounded shuffle buffer,
/// length bucketing, and worker threads that turn drawings into samples ahead of the consumer. An epoch is a pure
/// function of the epoch seed drawn from the trainer's generator, and each sample's augmentation seed is a function of
/// that seed and the drawing, so an epoch can be restarted at any batch (<see cref="IResumableBatchLoader"/>) and a
/// resumed run sees exactly the batches an uninterrupted one would.
/// </summary>
/// <typeparam name="T">The sample type the workers produce.</typeparam>
public sealed class CacheBatchLoader<T> : IResumableBatchLoader
{
    private const int ShardBits = 24;
    private const long RecordMask = (1L << (64 - ShardBits)) - 1;
    private readonly IReadOnlyList<CacheShard> shards;
    private readonly long[] blockStarts;
    private readonly long count;
    private readonly Func<CachedDrawing, ulong, T> transform;
    private readonly Func<IReadOnlyList<T>, Batch> collate;

    /// <summary>Creates a loader over one split.</summary>
    /// <param name="cache">The open cache (not owned).</param>
    /// <param name="split">Which split to stream.</param>
    /// <param name="transform">
    /// Drawing and sample seed → sample; runs on worker threads, so it must not touch tensors; draw any randomness from
    /// <c>new ShuffleRandom((long)seed)</c> (the seed is 0 when the epoch is not shuffled).
    /// </param>
    /// <param name="collate">Samples → batch; runs on the consuming thread, inside its dispose scope.</param>
    /// <param name="options">Batch size, shuffling, bucketing, prefetch and workers; null for the defaults.</param>
    public CacheBatchLoader(DrawingCache cache, DataSplit split, Func<CachedDrawing, ulong, T> transform, Func<IReadOnlyList<T>, Batch> collate, StreamingLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        this.transform = transform ?? throw new ArgumentNullException(nameof(transform));
        this.collate = collate ?? throw new ArgumentNullException(nameof(collate));
        Options = options ?? new StreamingLoaderOptions();
        Options.Validate();
        shards = cache.Shards(split);
        if (shards.Count >= 1 << ShardBits)
        {
            throw new ArgumentException($"A split may have at most {1 << ShardBits} shards; this one has {shards.Count}.", nameof(cache));
        }

        blockStarts = new long[shards.Count + 1];
        for (int s = 0; s < shards.Count; s++)
        {
            long n = shards[s].Shard.Count;
            count += n;
            blockStarts[s + 1] = blockStarts[s] + ((n + Options.BlockSize - 1) / Options.BlockSize);
        }

        if (count > int.MaxValue)
        {
            throw new ArgumentException($"A split may hold at most {int.MaxValue} drawings; this one has {count}.", nameof(cache));
        }
    }

    /// <summary>The options.</summary>
    public StreamingLoaderOptions Options { get; }

    /// <inheritdoc />
    public int SampleCount => (int)count;

    /// <inheritdoc />
    public int BatchesPerEpoch => (int)((count + Options.BatchSize - 1) / Options.BatchSize);

    /// <inheritdoc />
    public IEnumerable<Batch> GetBatches(ShuffleRandom? random) => GetBatches(random, 0);

    /// <inheritdoc />
    public IEnumerable<Batch> GetBatches(ShuffleRandom? random, int skipBatches)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skipBatches);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skipBatches, BatchesPerEpoch);

        // Drawn now, on the caller's thread, so the generator advances when the epoch is planned.
        bool shuffle = Options.Shuffle && random is not null;
        ulong epochSeed = shuffle ? random!.NextUInt64() : 0;
        return Run(shuffle, epochSeed, skipBatches);
    }

    /// <summary>
    /// One epoch's batches as drawing references (shard index and record, see <see cref="Shard"/> and
    /// <see cref="Record"/>), without reading any drawing: only the shards' indexes are touched.
    /// </summary>
    /// <param name="shuffle">Whether the epoch is shuffled.</param>
    /// <param name="epochSeed">The epoch seed.</param>
    /// <returns>The batches, lazily; memory is the shuffle buffer and one bucketing chunk.</returns>
    public IEnumerable<long[]> Plan(bool shuffle, ulong epochSeed)
    {
        int size = Options.BatchSize;
        int chunkSize = Options.BucketChunkBatches > 0 ? Options.BucketChunkBatches * size : size;
        var chunk = new List<long>(chunkSize);
        var random = new ShuffleRandom(unchecked((long)BlockPermutation.Mix(epochSeed ^ 0x5DEECE66DUL)));
        foreach (long reference in Buffered(shuffle, epochSeed, random))
        {
            chunk.Add(reference);
            if (chunk.Count == chunkSize)
            {
                foreach (long[] batch in Cut(chunk, shuffle, random))
                {
                    yield return batch;
                }

                chunk.Clear();
            }
        }

        foreach (long[] batch in Cut(chunk, shuffle, random))
        {
            yield return batch;
        }
    }

    /// <summary>The shard index of a drawing reference.</summary>
    /// <param name="reference">A reference from <see cref="Plan"/>.</param>
    /// <returns>The index into the split's shards.</returns>
    public static int Shard(long reference) => (int)(reference >> (64 - ShardBits));

    /// <summary>The record index of a drawing reference.</summary>
    /// <param name="reference">A reference from <see cref="Plan"/>.</param>
    /// <returns>The record within its shard.</returns>
    public static long Record(long reference) => reference & RecordMask;

    /// <summary>The seed a sample gets: a function of the epoch seed and the drawing only (0 when not shuffled).</summary>
    /// <param name="epochSeed">The epoch seed.</param>
    /// <param name="reference">The drawing reference.</param>
    /// <returns>The seed.</returns>
    public static ulong SampleSeed(ulong epochSeed, long reference) =>
        epochSeed == 0 ? 0 : BlockPermutation.Mix(epochSeed ^ BlockPermutation.Mix(unchecked((ulong)reference)));

    private IEnumerable<long> Stream(bool shuffle, ulong epochSeed)
    {
        long blocks = blockStarts[^1];
        var order = new BlockPermutation(blocks, epochSeed);
        for (long b = 0; b < blocks; b++)
        {
            long block = shuffle ? order[b] : b;
            int s = Array.BinarySearch(blockStarts, block);
            s = s >= 0 ? s : ~s - 1;
            while (blockStarts[s + 1] <= block)
            {
                s++; // empty shards share a start with the next one
            }

            long first = (block - blockStarts[s]) * Options.BlockSize;
            long end = Math.Min(first + Options.BlockSize, shards[s].Shard.Count);
            for (long r = first; r < end; r++)
            {
                yield return ((long)s << (64 - ShardBits)) | r;
            }
        }
    }

    private IEnumerable<long> Buffered(bool shuffle, ulong epochSeed, ShuffleRandom random)
    {
        if (!shuffle || Options.ShuffleBufferSize == 0)
        {
            foreach (long r in Stream(shuffle, epochSeed))
            {
                yield return r;
            }

            yield break;
        }

        var buffer = new List<long>(Options.ShuffleBufferSize);
        foreach (long r in Stream(shuffle, epochSeed))
        {
            if (buffer.Count < Options.ShuffleBufferSize)
            {
                buffer.Add(r);
                continue;
            }

            int j = random.NextInt(buffer.Count);
            yield return buffer[j];
            buffer[j] = r;
        }

        while (buffer.Count > 0)
        {
            int j = random.NextInt(buffer.Count);
            yield return buffer[j];
            buffer[j] = buffer[^1];
            buffer.RemoveAt(buffer.Count - 1);
        }
    }

    private List<long[]> Cut(List<long> chunk, bool shuffle, ShuffleRandom random)
    {
        var batches = new List<long[]>();
        if (chunk.Count == 0)
        {
            return batches;
        }

        IEnumerable<long> ordered = chunk;
        if (Options.BucketChunkBatches > 0)
        {
            ordered = chunk.Select((r, i) => (r, i, n: shards[Shard(r)].Shard.PointCount(Record(r))))
                .OrderBy(p => p.n).ThenBy(p => p.i).Select(p => p.r).ToList();
        }

        long[] all = ordered.ToArray();
        for (int start = 0; start < all.Length; start += Options.BatchSize)
        {
            batches.Add(all.AsSpan(start, Math.Min(Options.BatchSize, all.Length - start)).ToArray());
        }

        if (shuffle && Options.BucketChunkBatches > 0)
        {
            random.Shuffle(batches);
        }

        return batches;
    }

    private T[] Transform(long[] batch, ulong epochSeed)
    {
        var samples = new T[batch.Length];
        for (int i = 0; i < batch.Length; i++)
        {
            CacheShard shard = shards[Shard(batch[i])];
            samples[i] = transform(shard.Shard.Read(Record(batch[i]), shard.Label), SampleSeed(epochSeed, batch[i]));
        }

        return samples;
    }

    private IEnumerable<Batch> Run(bool shuffle, ulong epochSeed, int skip)
    {
        var channel = Channel.CreateBounded<Task<T[]>>(new BoundedChannelOptions(Options.PrefetchBatches)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var cancel = new CancellationTokenSource();
        using var workers = new SemaphoreSlim(Options.Workers);
        Task producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (long[] batch in Plan(shuffle, epochSeed).Skip(skip))
                    {
                        Task<T[]> work = Task.Run(
                            async () =>
                            {
                                await workers.WaitAsync(cancel.Token).ConfigureAwait(false);
                                try
                                {
                                    return Transform(batch, epochSeed);
                                }
                                finally
                                {
                                    workers.Release();
                                }
                            },
                            cancel.Token);
                        await channel.Writer.WriteAsync(work, cancel.Token).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None);

        try
        {
            while (true)
            {
                T[] samples;
                try
                {
                    if (!channel.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
                    {
                        break;
                    }

                    if (!channel.Reader.TryRead(out Task<T[]>? work))
                    {
                        continue;
                    }

                    samples = work.GetAwaiter().GetResult();
                }
                catch (ChannelClosedException ex) when (ex.InnerException is not null)
                {
                    ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                    throw;
                }

                yield return collate(samples);
            }
        }
        finally
        {
            // Stops the producer and the workers when the consumer leaves early (break, exception, early stopping).
            cancel.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Expected when the consumer stopped before the end of the epoch.
            }

            while (channel.Reader.TryRead(out Task<T[]>? pending))
            {
                try
                {
                    pending.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    // Cancelled before it started.
                }
            }
        }
    }
}
