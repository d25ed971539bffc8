using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Data.Batching;

public sealed class DataLoaderTests
{
    public DataLoaderTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void EveryEpochVisitsEverySampleOnceInASeededOrder()
    {
        DataLoader<int> loader = IndexLoader(103, new DataLoaderOptions { BatchSize = 10 });
        loader.BatchesPerEpoch.ShouldBe(11);
        loader.SampleCount.ShouldBe(103);

        int[] first = loader.PlanEpoch(new ShuffleRandom(1)).SelectMany(b => b).ToArray();
        int[] again = loader.PlanEpoch(new ShuffleRandom(1)).SelectMany(b => b).ToArray();
        int[] other = loader.PlanEpoch(new ShuffleRandom(2)).SelectMany(b => b).ToArray();
        first.ShouldBe(again);
        first.ShouldNotBe(other);
        first.OrderBy(i => i).ShouldBe(Enumerable.Range(0, 103));

        var random = new ShuffleRandom(1);
        int[] epoch1 = loader.PlanEpoch(random).SelectMany(b => b).ToArray();
        int[] epoch2 = loader.PlanEpoch(random).SelectMany(b => b).ToArray();
        epoch2.ShouldNotBe(epoch1, "the generator advances between epochs");
        loader.PlanEpoch(null).SelectMany(b => b).ShouldBe(Enumerable.Range(0, 103));
    }

    [Fact]
    public void DropLastDropsTheIncompleteBatch()
    {
        DataLoader<int> loader = IndexLoader(103, new DataLoaderOptions { BatchSize = 10, DropLast = true });
        loader.BatchesPerEpoch.ShouldBe(10);
        loader.SampleCount.ShouldBe(100);
        loader.PlanEpoch(new ShuffleRandom(5)).ShouldAllBe(b => b.Length == 10);
    }

    [Fact]
    public void BucketingCutsPaddingAndKeepsEverySample()
    {
        var random = new ShuffleRandom(11);
        int[] lengths = Enumerable.Range(0, 1000).Select(_ => 5 + random.NextInt(200)).ToArray();
        var plain = new DataLoader<int>(new ListDataset<int>(Enumerable.Range(0, 1000).ToArray()), Collate, new DataLoaderOptions { BatchSize = 20 });
        var bucketed = new DataLoader<int>(new ListDataset<int>(Enumerable.Range(0, 1000).ToArray()), Collate, new DataLoaderOptions { BatchSize = 20, BucketChunkBatches = 10 }, i => lengths[i]);

        long Padded(IReadOnlyList<int[]> plan) => plan.Sum(b => (long)b.Max(i => lengths[i]) * b.Length);
        IReadOnlyList<int[]> bucketPlan = bucketed.PlanEpoch(new ShuffleRandom(1));
        long plainPadded = Padded(plain.PlanEpoch(new ShuffleRandom(1)));
        long bucketPadded = Padded(bucketPlan);
        long useful = lengths.Sum(l => (long)l);

        bucketPlan.SelectMany(b => b).OrderBy(i => i).ShouldBe(Enumerable.Range(0, 1000));
        bucketPlan.Count.ShouldBe(50);
        (bucketPadded - useful).ShouldBeLessThan((plainPadded - useful) / 5, $"padding: plain {plainPadded - useful}, bucketed {bucketPadded - useful}");

        // Batch order is shuffled: the batches' maximum lengths are not sorted.
        int[] maxima = bucketPlan.Select(b => b.Max(i => lengths[i])).ToArray();
        maxima.ShouldNotBe(maxima.OrderBy(m => m).ToArray());
        bucketed.PlanEpoch(new ShuffleRandom(1)).SelectMany(b => b).ShouldBe(bucketPlan.SelectMany(b => b));
    }

    [Fact]
    public void PrefetchYieldsTheSameBatchesAndCollatesOnTheConsumerThread()
    {
        int consumer = Environment.CurrentManagedThreadId;
        var readers = new HashSet<int>();
        var dataset = new CallbackDataset(500, () =>
        {
            lock (readers)
            {
                readers.Add(Environment.CurrentManagedThreadId);
            }
        });
        var collateThreads = new HashSet<int>();
        Batch Collate(IReadOnlyList<int> items)
        {
            collateThreads.Add(Environment.CurrentManagedThreadId);
            return DataLoaderTests.Collate(items);
        }

        var direct = new DataLoader<int>(dataset, DataLoaderTests.Collate, new DataLoaderOptions { BatchSize = 32 });
        var prefetched = new DataLoader<int>(dataset, Collate, new DataLoaderOptions { BatchSize = 32, PrefetchBatches = 3 });
        long[] a = Read(direct, new ShuffleRandom(4));
        readers.Clear();
        long[] b = Read(prefetched, new ShuffleRandom(4));

        b.ShouldBe(a);
        collateThreads.ShouldBe([consumer]);
        readers.ShouldNotContain(consumer, "samples are read by the background producer");
    }

    [Fact]
    public void PrefetchStopsWhenTheConsumerLeavesEarlyAndReportsReadErrors()
    {
        var prefetched = new DataLoader<int>(new ListDataset<int>(Enumerable.Range(0, 1000).ToArray()), Collate, new DataLoaderOptions { BatchSize = 10, PrefetchBatches = 2 });
        using (var scope = NewDisposeScope())
        {
            prefetched.GetBatches(new ShuffleRandom(1)).Take(3).Count().ShouldBe(3);
        }

        var failing = new DataLoader<int>(new CallbackDataset(100, () => throw new InvalidOperationException("disk on fire")), Collate, new DataLoaderOptions { BatchSize = 10, PrefetchBatches = 2 });
        var ex = Should.Throw<InvalidOperationException>(() =>
        {
            using var scope = NewDisposeScope();
            foreach (Batch unused in failing.GetBatches(null))
            {
            }
        });
        ex.Message.ShouldContain("disk on fire");
    }

    [Fact]
    public void BatchesLandInTheCallersDisposeScope()
    {
        DataLoader<int> loader = IndexLoader(64, new DataLoaderOptions { BatchSize = 16, PrefetchBatches = 2 });
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (IEnumerator<Batch> e = loader.GetBatches(new ShuffleRandom(1)).GetEnumerator())
        {
            while (true)
            {
                using var scope = NewDisposeScope();
                if (!e.MoveNext())
                {
                    break;
                }

                e.Current.Inputs.shape[0].ShouldBe(16);
            }
        }

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.ShouldBe(before);
    }

    private static DataLoader<int> IndexLoader(int count, DataLoaderOptions options) =>
        new(new ListDataset<int>(Enumerable.Range(0, count).ToArray()), Collate, options);

    private static Batch Collate(IReadOnlyList<int> items)
    {
        long[] values = items.Select(i => (long)i).ToArray();
        return new Batch(tensor(values).to_type(ScalarType.Float32).unsqueeze(1), tensor(values));
    }

    private static long[] Read(IBatchLoader loader, ShuffleRandom random)
    {
        var all = new List<long>();
        using IEnumerator<Batch> e = loader.GetBatches(random).GetEnumerator();
        while (true)
        {
            using var scope = NewDisposeScope();
            if (!e.MoveNext())
            {
                break;
            }

            all.AddRange(e.Current.Targets.data<long>().ToArray());
        }

        return all.ToArray();
    }

    private sealed class CallbackDataset(int count, Action onRead) : IDataset<int>
    {
        public int Count => count;

        public int Get(int index)
        {
            onRead();
            Thread.SpinWait(10);
            return index;
        }
    }
}
