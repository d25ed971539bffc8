using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.Cache;

public sealed class DrawingCacheTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Source => temp.File("source");

    private string Output => temp.File("cache");

    public void Dispose() => temp.Dispose();

    [RealDataFact]
    public void EveryPointLabelAndKeyComesBackWithRawDrawingsSimplifiedAndBadRecordsReported()
    {
        CacheFixtures.CopySimplified(Source, "apple");
        CacheFixtures.CopySimplified(Source, "banana");
        File.AppendAllText(Path.Combine(Source, "banana.ndjson"), "{\"word\":\"banana\",\"key_id\":\"1\",\"drawing\":[[[1,2],[3]]\n");
        List<Drawing> raw = CacheFixtures.WriteRaw(Source, "mouth", seed: 3);
        var bad = new List<BadRecord>();

        DrawingCachePrepareResult result = DrawingCachePreparer.Prepare(Source, Output, new DrawingCachePrepareOptions { ValidationFraction = 0.1, TestFraction = 0.1, OnBadRecord = bad.Add });

        result.Prepared.ShouldBe(3);
        result.Report.BadRecords.ShouldBe(1);
        bad.Single().Source.ShouldEndWith("banana.ndjson");
        result.Manifest.Classes.ShouldBe(["apple", "banana", "mouth"]);
        result.Manifest.Sources.Single(s => s.Class == "mouth").Raw.ShouldBe(100);
        result.Manifest.Sources.Single(s => s.Class == "apple").Raw.ShouldBe(0);
        result.Manifest.Sources.Single(s => s.Class == "banana").BadRecords.ShouldBe(1);
        (result.Manifest.Train + result.Manifest.Validation + result.Manifest.Test).ShouldBe(300);
        result.Manifest.Validation.ShouldBeInRange(15, 50);
        result.Manifest.Test.ShouldBeInRange(15, 50);

        using DrawingCache cache = DrawingCache.Open(Output);
        var stored = new Dictionary<ulong, (CachedDrawing Drawing, DataSplit Split)>();
        foreach (DataSplit split in new[] { DataSplit.Train, DataSplit.Validation, DataSplit.Test })
        {
            foreach (CachedDrawing d in cache.Read(split))
            {
                stored.Add(d.KeyId, (d, split));
            }

            cache.Read(split).Count().ShouldBe((int)cache.Count(split));
        }

        var policy = new HashSplitPolicy(0.1, 0.1);
        var expected = CacheFixtures.Read(Path.Combine(Source, "apple.ndjson")).Select(d => (d, label: 0))
            .Concat(CacheFixtures.Read(Path.Combine(Source, "banana.ndjson")).Select(d => (d, label: 1)))
            .Concat(raw.Select(d => (d, label: 2)))
            .ToList();
        stored.Count.ShouldBe(expected.Count);
        int points = 0;
        foreach ((Drawing original, int label) in expected)
        {
            (CachedDrawing back, DataSplit split) = stored[original.KeyId];
            back.Label.ShouldBe(label);
            split.ShouldBe(policy.Assign(original.KeyId, 0));
            IReadOnlyList<Stroke> want = QuickDrawSimplification.EnsureSimplified(original).Strokes;
            IReadOnlyList<Stroke> got = back.ToStrokes();
            got.Count.ShouldBe(want.Count);
            for (int s = 0; s < want.Count; s++)
            {
                got[s].X.ShouldBe(want[s].X);
                got[s].Y.ShouldBe(want[s].Y);
                points += want[s].PointCount;
            }
        }

        points.ShouldBeGreaterThan(5000);
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Source, "apple.ndjson"))));
        result.Manifest.Sources.Single(s => s.Class == "apple").Sha256.ShouldBe(hash);
    }

    [RealDataFact]
    public void AddingFilesNeverMovesADrawingAndARerunRedoesOnlyWhatIsMissing()
    {
        CacheFixtures.CopySimplified(Source, "apple");
        CacheFixtures.CopySimplified(Source, "eye");
        DrawingCachePreparer.Prepare(Source, Output);
        Dictionary<ulong, DataSplit> before = Splits();

        CacheFixtures.CopySimplified(Source, "nose");
        CacheFixtures.CopySimplified(Source, "coffee cup");
        DrawingCachePrepareResult appended = DrawingCachePreparer.Prepare(Source, Output);
        appended.Prepared.ShouldBe(2);
        appended.Reused.ShouldBe(2);
        Dictionary<ulong, DataSplit> after = Splits();
        after.Count.ShouldBe(before.Count + 200);
        foreach ((ulong key, DataSplit split) in before)
        {
            after[key].ShouldBe(split);
        }

        // What a kill -9 leaves: a temporary shard, and a source whose completion record was never written.
        string shards = Path.Combine(Output, DrawingCacheFormat.ShardFolder);
        File.WriteAllText(Path.Combine(shards, "nose.ndjson.train.qdshard.123.abc.tmp"), "partial");
        File.Delete(Path.Combine(shards, "nose.ndjson.source.json"));
        DrawingCachePrepareResult resumed = DrawingCachePreparer.Prepare(Source, Output);
        resumed.Prepared.ShouldBe(1);
        resumed.Reused.ShouldBe(3);
        Directory.GetFiles(shards, "*.tmp").ShouldBeEmpty();
        Splits().ShouldBe(after, ignoreOrder: true);

        var other = Should.Throw<DrawingCacheException>(() => DrawingCachePreparer.Prepare(Source, Output, new DrawingCachePrepareOptions { TestFraction = 0.2 }));
        other.Message.ShouldContain("was prepared with other settings");
    }

    [RealDataFact]
    public void TruncatedOrMissingShardsAreRefusedWithTheFileAndTheFix()
    {
        CacheFixtures.CopySimplified(Source, "apple");
        CacheFixtures.CopySimplified(Source, "eye");
        DrawingCachePreparer.Prepare(Source, Output);
        string shard = Path.Combine(Output, DrawingCacheFormat.ShardFolder, "eye.ndjson.train.qdshard");
        byte[] bytes = File.ReadAllBytes(shard);
        File.WriteAllBytes(shard, bytes.AsSpan(0, bytes.Length - 9).ToArray());
        var truncated = Should.Throw<DrawingCacheException>(() => DrawingCache.Open(Output));
        truncated.Path.ShouldBe(shard);
        truncated.Message.ShouldContain("truncated");

        File.Delete(shard);
        Should.Throw<DrawingCacheException>(() => DrawingCache.Open(Output)).Message.ShouldContain("is missing");
        Should.Throw<DrawingCacheException>(() => DrawingCache.Open(temp.File("nowhere"))).Message.ShouldContain("quickdraw prepare");

        // The re-run sees the missing shard and redoes that source only.
        DrawingCachePreparer.Prepare(Source, Output).Prepared.ShouldBe(1);
        using DrawingCache cache = DrawingCache.Open(Output);
        (cache.Count(DataSplit.Train) + cache.Count(DataSplit.Validation) + cache.Count(DataSplit.Test)).ShouldBe(200);
    }

    private Dictionary<ulong, DataSplit> Splits()
    {
        using DrawingCache cache = DrawingCache.Open(Output);
        var splits = new Dictionary<ulong, DataSplit>();
        foreach (DataSplit split in new[] { DataSplit.Train, DataSplit.Validation, DataSplit.Test })
        {
            foreach (CachedDrawing d in cache.Read(split))
            {
                splits.Add(d.KeyId, split);
            }
        }

        return splits;
    }
}
