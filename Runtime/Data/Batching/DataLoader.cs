using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>
/// Batches an <see cref="IDataset{T}"/>: seeded shuffling, optional bucketing by length, optional background
/// prefetch. Samples are read on a background task when prefetching; the user's collate function always runs on the
/// thread that enumerates, inside its current dispose scope (TorchSharp scopes are thread-local).
/// </summary>
/// <typeparam name="T">Sample type.</typeparam>
public sealed class DataLoader<T> : IBatchLoader
{
    private readonly IDataset<T> dataset;
    private readonly Func<IReadOnlyList<T>, Batch> collate;
    private readonly Func<T, int>? lengthOf;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="collate">Turns a list of samples into a batch of tensors (called on the consuming thread).</param>
    /// <param name="options">Batch size, shuffling, bucketing and prefetch.</param>
    /// <param name="lengthOf">Length of a sample, for bucketing; required when <see cref="DataLoaderOptions.BucketChunkBatches"/> is above 0.</param>
    public DataLoader(IDataset<T> dataset, Func<IReadOnlyList<T>, Batch> collate, DataLoaderOptions? options = null, Func<T, int>? lengthOf = null)
    {
        this.dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        this.collate = collate ?? throw new ArgumentNullException(nameof(collate));
        Options = options ?? new DataLoaderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.BatchSize, 1, "options.BatchSize");
        ArgumentOutOfRangeException.ThrowIfNegative(Options.BucketChunkBatches, "options.BucketChunkBatches");
        ArgumentOutOfRangeException.ThrowIfNegative(Options.PrefetchBatches, "options.PrefetchBatches");
        if (Options.BucketChunkBatches > 0 && lengthOf is null)
        {
            throw new ArgumentException("Bucketing (BucketChunkBatches > 0) needs a lengthOf function.", nameof(lengthOf));
        }

        this.lengthOf = lengthOf;
    }

    /// <summary>The options this loader was built with.</summary>
    public DataLoaderOptions Options { get; }

    /// <inheritdoc />
    public int SampleCount => Options.DropLast ? BatchesPerEpoch * Options.BatchSize : dataset.Count;

    /// <inheritdoc />
    public int BatchesPerEpoch => Options.DropLast
        ? dataset.Count / Options.BatchSize
        : (dataset.Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>
    /// The sample indices of each batch of one epoch, in order. Advances <paramref name="random"/> exactly as
    /// <see cref="GetBatches"/> does.
    /// </summary>
    /// <param name="random">Shuffling generator; null (or <see cref="DataLoaderOptions.Shuffle"/> false) keeps dataset order.</param>
    /// <returns>One index array per batch.</returns>
    public IReadOnlyList<int[]> PlanEpoch(ShuffleRandom? random)
    {
        int n = dataset.Count;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        bool shuffle = Options.Shuffle && random is not null;
        if (shuffle)
        {
            random!.Shuffle(order);
        }

        int size = Options.BatchSize;
        var batches = new List<int[]>(BatchesPerEpoch);
        if (Options.BucketChunkBatches > 0)
        {
            int chunk = Options.BucketChunkBatches * size;
            var lengths = new int[n];
            for (int i = 0; i < n; i++)
            {
                lengths[i] = lengthOf!(dataset.Get(i));
            }

            for (int start = 0; start < n; start += chunk)
            {
                int[] part = order.Skip(start).Take(chunk).OrderBy(i => lengths[i]).ThenBy(i => i).ToArray();
                Cut(part, size, batches);
            }

            batches = batches.OrderBy(b => b.Length < size ? 1 : 0).ToList();
            if (shuffle)
            {
                // Chunks hold whole batches except the last one, so at most one batch is incomplete: it stays last.
                int full = batches.Count(b => b.Length == size);
                var head = batches.Take(full).ToList();
                random!.Shuffle(head);
                batches = head.Concat(batches.Skip(full)).ToList();
            }
        }
        else
        {
            Cut(order, size, batches);
        }

        if (Options.DropLast)
        {
            batches = batches.Where(b => b.Length == size).ToList();
        }

        return batches;
    }

    /// <inheritdoc />
    public IEnumerable<Batch> GetBatches(ShuffleRandom? random)
    {
        // Planned now (not lazily) so the generator advances at call time, on the caller's thread.
        IReadOnlyList<int[]> plan = PlanEpoch(random);
        return Options.PrefetchBatches > 0 ? Prefetched(plan) : Direct(plan);
    }

    private static void Cut(int[] order, int size, List<int[]> batches)
    {
        for (int start = 0; start < order.Length; start += size)
        {
            batches.Add(order.AsSpan(start, Math.Min(size, order.Length - start)).ToArray());
        }
    }

    private IEnumerable<Batch> Direct(IReadOnlyList<int[]> plan)
    {
        foreach (int[] indices in plan)
        {
            yield return collate(Read(indices));
        }
    }

    private IEnumerable<Batch> Prefetched(IReadOnlyList<int[]> plan)
    {
        var channel = Channel.CreateBounded<IReadOnlyList<T>>(new BoundedChannelOptions(Options.PrefetchBatches)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var cancel = new CancellationTokenSource();
        Task producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (int[] indices in plan)
                    {
                        await channel.Writer.WriteAsync(Read(indices), cancel.Token).ConfigureAwait(false);
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
                IReadOnlyList<T> samples;
                try
                {
                    if (!channel.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
                    {
                        break;
                    }

                    if (!channel.Reader.TryRead(out samples!))
                    {
                        continue;
                    }
                }
                catch (Exception ex)
                {
                    Exception cause = ex is ChannelClosedException { InnerException: Exception inner } ? inner : ex;
                    throw new InvalidOperationException($"Reading a batch in the background failed: {cause.Message}", cause);
                }

                yield return collate(samples);
            }
        }
        finally
        {
            // Stops the producer when the consumer leaves early (break, exception, early stopping).
            cancel.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Expected when the consumer stopped before the end of the epoch.
            }
        }
    }

    private T[] Read(int[] indices)
    {
        var samples = new T[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            samples[i] = dataset.Get(indices[i]);
        }

        return samples;
    }
}
