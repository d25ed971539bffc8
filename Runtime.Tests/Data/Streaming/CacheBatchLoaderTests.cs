using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Streaming;
using QuickDrawDsl.Runtime.Tests.Data.Cache;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Data.Streaming;

public sealed class CacheBatchLoaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(63L)]
    [InlineData(64L)]
    [InlineData(1000L)]
    [InlineData(4097L)]
    public void BlockPermutationIsABijection(long n)
    {
        var p = new BlockPermutation(n, 12345);
        var seen = new bool[n];
        for (long i = 0; i < n; i++)
        {
            long v = p[i];
            seen[v].ShouldBeFalse();
            seen[v] = true;
        }

        if (n >= 64)
        {
            Enumerable.Range(0, (int)n).Count(i => p[i] == i).ShouldBeLessThan((int)(n / 8), "a shuffled order moves most indices");
            new BlockPermutation(n, 54321)[0].ShouldNotBe(p[0]);
        }
    }

    [RealDataFact]
    public void AnEpochVisitsEveryDrawingOnceMixesClassesAndRestartsAtAnyBatch()
    {
        using DrawingCache cache = Prepare();
        var options = new StreamingLoaderOptions { BatchSize = 16, BlockSize = 8, ShuffleBufferSize = 64, BucketChunkBatches = 4, PrefetchBatches = 3, Workers = 2 };
        var loader = new CacheBatchLoader<(ulong Key, int Label, ulong Seed)>(cache, DataSplit.Train, (d, seed) => (d.KeyId, d.Label, seed), Collate, options);
        long trainCount = cache.Count(DataSplit.Train);
        loader.SampleCount.ShouldBe((int)trainCount);
        loader.BatchesPerEpoch.ShouldBe((int)((trainCount + 15) / 16));

        List<long[]> epoch1 = Batches(loader, new ShuffleRandom(7));
        epoch1.Count.ShouldBe(loader.BatchesPerEpoch);
        epoch1.Count(b => b.Length / 3 < 16).ShouldBeLessThanOrEqualTo(1);
        var keys = epoch1.SelectMany(b => Keys(b)).ToList();
        keys.Count.ShouldBe((int)trainCount);
        keys.Distinct().Count().ShouldBe((int)trainCount);
        keys.ToHashSet().SetEquals(cache.Read(DataSplit.Train).Select(d => (long)d.KeyId)).ShouldBeTrue();

        // Classes mix: with one shard per class, a batch holds several classes.
        epoch1.Average(b => Labels(b).Distinct().Count()).ShouldBeGreaterThan(2.5);

        // Same seed, same epoch (workers or not); another seed, another order.
        Batches(loader, new ShuffleRandom(7)).ShouldBe(epoch1);
        Batches(loader, new ShuffleRandom(8)).SelectMany(Keys).ShouldNotBe(keys);

        // Restarted at batch k: the same batches from k on, the generator advanced the same way.
        foreach (int k in new[] { 1, 5, epoch1.Count - 1, epoch1.Count })
        {
            var random = new ShuffleRandom(7);
            List<long[]> rest = Batches(loader, random, k);
            rest.ShouldBe(epoch1.Skip(k).ToList());
            var whole = new ShuffleRandom(7);
            _ = loader.GetBatches(whole);
            random.State.ShouldBe(whole.State);
        }

        // Not shuffled: the stored order, seed 0.
        List<long[]> ordered = Batches(loader, null);
        ordered.SelectMany(b => Seeds(b)).ShouldAllBe(s => s == 0);
        ordered.SelectMany(Keys).ToHashSet().SetEquals(keys).ShouldBeTrue();
    }

    private static Batch Collate(IReadOnlyList<(ulong Key, int Label, ulong Seed)> samples) =>
        new(torch.tensor(samples.SelectMany(s => new[] { (long)s.Key, s.Label, (long)s.Seed }).ToArray(), new long[] { samples.Count, 3 }), torch.tensor(samples.Select(s => (long)s.Label).ToArray()));

    private static IEnumerable<long> Keys(long[] flat) => flat.Where((_, i) => i % 3 == 0);

    private static IEnumerable<long> Labels(long[] flat) => flat.Where((_, i) => i % 3 == 1);

    private static IEnumerable<long> Seeds(long[] flat) => flat.Where((_, i) => i % 3 == 2);

    private static List<long[]> Batches(CacheBatchLoader<(ulong Key, int Label, ulong Seed)> loader, ShuffleRandom? random, int skip = 0)
    {
        var result = new List<long[]>();
        foreach (Batch b in loader.GetBatches(random, skip))
        {
            using (b)
            {
                result.Add(b.Inputs.data<long>().ToArray());
            }
        }

        return result;
    }

    private DrawingCache Prepare()
    {
        string source = temp.File("source");
        foreach (string word in new[] { "apple", "banana", "coffee cup", "eye", "mouth", "nose" })
        {
            CacheFixtures.CopySimplified(source, word);
        }

        DrawingCachePreparer.Prepare(source, temp.File("cache"), new DrawingCachePrepareOptions { Parallelism = 2 });
        return DrawingCache.Open(temp.File("cache"));
    }
}
