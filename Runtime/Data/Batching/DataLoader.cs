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
/// thread that enumerates, inside its current dispose scope (TorchSharp scopes are thread-local). An epoch can be
/// started part-way through (<see cref="IResumableBatchLoader"/>), for mid-epoch checkpoints.
/// </summary>
/// <typeparam name="T">Sample type.</typeparam>
public sealed class DataLoader<T> : IResumableBatchLoader
{
    private readonly IDataset<T> dataset;
    private readonly Func<IReadOnlyList<T>, BatchContext, Batch> collate;
    private readonly bool usesContext;
    private readonly Func<T, int>? lengthOf;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="collate">Turns a list of samples into a batch of tensors (called on the consuming thread).</param>
    /// <param name="options">Batch size, shuffling, bucketing and prefetch.</param>
    /// <param name="lengthOf">Length of a sample, for bucketing; required when <see cref="DataLoaderOptions.BucketChunkBatches"/> is above 0.</param>
    public DataLoader(IDataset<T> dataset, Func<IReadOnlyList<T>, Batch> collate, DataLoaderOptions? options = null, Func<T, int>? lengthOf = null)
        : this(dataset, Wrap(collate ?? throw new ArgumentNullException(nameof(collate))), false, options, lengthOf)
    {
    }

    /// <summary>
    /// Creates a loader whose collate function also gets the batch's <see cref="BatchContext"/>: random augmentation
    /// seeded from it (<see cref="BatchContext.SampleRandom"/>) is the same in a resumed run as in an uninterrupted one.
    /// A shuffled epoch draws one extra value (the epoch seed) from the shuffling generator, after planning.
    /// </summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="collate">Turns a list of samples into a batch of tensors (called on the consuming thread).</param>
    /// <param name="options">Batch size, shuffling, bucketing and prefetch.</param>
    /// <param name="lengthOf">Length of a sample, for bucketing; required when <see cref="DataLoaderOptions.BucketChunkBatches"/> is above 0.</param>
    public DataLoader(IDataset<T> dataset, Func<IReadOnlyList<T>, BatchContext, Batch> collate, DataLoaderOptions? options = null, Func<T, int>? lengthOf = null)
        : this(dataset, collate ?? throw new ArgumentNullException(nameof(collate)), true, options, lengthOf)
    {
    }

    private DataLoader(IDataset<T> dataset, Func<IReadOnlyList<T>, BatchContext, Batch> collate, bool usesContext, DataLoaderOptions? options, Func<T, int>? lengthOf)
    {
        this.dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        this.collate = collate;
        this.usesContext = usesContext;
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
    /// <see cref="GetBatches(ShuffleRandom?)"/> does.
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
    public IEnumerable<Batch> GetBatches(ShuffleRandom? random) => GetBatches(random, 0);

    /// <inheritdoc />
    public IEnumerable<Batch> GetBatches(ShuffleRandom? random, int skipBatches)
    {
        // Planned now (not lazily) so the generator advances at call time, on the caller's thread.
        IReadOnlyList<int[]> plan = PlanEpoch(random);
        ArgumentOutOfRangeException.ThrowIfNegative(skipBatches);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skipBatches, plan.Count);
        ulong epochSeed = usesContext && Options.Shuffle && random is not null ? random.NextUInt64() : 0;
        var contexts = new BatchContext[plan.Count];
        long first = 0;
        for (int b = 0; b < plan.Count; b++)
        {
            contexts[b] = new BatchContext(epochSeed, b, first);
            first += plan[b].Length;
        }

        var rest = new List<(int[] Indices, BatchContext Context)>(plan.Count - skipBatches);
        for (int b = skipBatches; b < plan.Count; b++)
        {
            rest.Add((plan[b], contexts[b]));
        }

        return Options.PrefetchBatches > 0 ? Prefetched(rest) : Direct(rest);
    }

    private static Func<IReadOnlyList<T>, BatchContext, Batch> Wrap(Func<IReadOnlyList<T>, Batch> collate) => (samples, _) => collate(samples);

    private static void Cut(int[] order, int size, List<int[]> batches)
    {
        for (int start = 0; start < order.Length; start += size)
        {
            batches.Add(order.AsSpan(start, Math.Min(size, order.Length - start)).ToArray());
        }
    }

    private IEnumerable<Batch> Direct(IReadOnlyList<(int[] Indices, BatchContext Context)> plan)
    {
        foreach ((int[] indices, BatchContext context) in plan)
        {
            yield return collate(Read(indices), context);
        }
    }

    private IEnumerable<Batch> Prefetched(IReadOnlyList<(int[] Indices, BatchContext Context)> plan)
    {
        var channel = Channel.CreateBounded<(IReadOnlyList<T> Samples, BatchContext Context)>(new BoundedChannelOptions(Options.PrefetchBatches)
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
                    foreach ((int[] indices, BatchContext context) in plan)
                    {
                        await channel.Writer.WriteAsync((Read(indices), context), cancel.Token).ConfigureAwait(false);
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
                (IReadOnlyList<T> Samples, BatchContext Context) item;
                try
                {
                    if (!channel.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
                    {
                        break;
                    }

                    if (!channel.Reader.TryRead(out item))
                    {
                        continue;
                    }
                }
                catch (Exception ex)
                {
                    Exception cause = ex is ChannelClosedException { InnerException: Exception inner } ? inner : ex;
                    throw new InvalidOperationException($"Reading a batch in the background failed: {cause.Message}", cause);
                }

                yield return collate(item.Samples, item.Context);
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
