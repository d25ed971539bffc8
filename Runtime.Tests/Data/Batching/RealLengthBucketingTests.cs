using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QuickDrawDsl.Runtime.Tests.Data.Batching;

public sealed class RealLengthBucketingTests(ITestOutputHelper output)
{
    [Fact]
    public void BucketingCutsPaddingOnQuickDrawStrokeLengths()
    {
        // Points per drawing (all strokes concatenated) in quickdraw/simplified_100: 600 drawings, median ~33.
        var lengths = new List<int>();
        foreach (string file in Directory.GetFiles(Fixtures.PathOf("quickdraw", "simplified_100"), "*.ndjson").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            foreach (string line in File.ReadLines(file))
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                lengths.Add(doc.RootElement.GetProperty("drawing").EnumerateArray().Sum(stroke => stroke[0].GetArrayLength()));
            }
        }

        lengths.Count.ShouldBe(600);
        int[] ids = Enumerable.Range(0, lengths.Count).ToArray();
        var plain = new DataLoader<int>(new ListDataset<int>(ids), _ => throw new System.InvalidOperationException("not collated"), new DataLoaderOptions { BatchSize = 32 });
        var bucketed = new DataLoader<int>(new ListDataset<int>(ids), _ => throw new System.InvalidOperationException("not collated"), new DataLoaderOptions { BatchSize = 32, BucketChunkBatches = 5 }, i => lengths[i]);

        long useful = lengths.Sum(l => (long)l);
        long Padded(IReadOnlyList<int[]> plan) => plan.Sum(b => (long)b.Max(i => lengths[i]) * b.Length);
        long fixed128 = lengths.Sum(l => (long)System.Math.Max(128, l));
        long plainSteps = Padded(plain.PlanEpoch(new ShuffleRandom(1)));
        long bucketSteps = Padded(bucketed.PlanEpoch(new ShuffleRandom(1)));
        output.WriteLine($"useful steps {useful}; padded to 128: {fixed128} ({(double)fixed128 / useful:0.00}x); to batch max: {plainSteps} ({(double)plainSteps / useful:0.00}x); bucketed (chunks of 5 batches): {bucketSteps} ({(double)bucketSteps / useful:0.00}x)");

        // One 841-point drawing pads its whole batch: outliers dominate. With lengths capped at 128 (truncation in the
        // collate), bucketing leaves almost no padding.
        long cappedUseful = lengths.Sum(l => (long)System.Math.Min(128, l));
        var capped = new DataLoader<int>(new ListDataset<int>(ids), _ => throw new System.InvalidOperationException("not collated"), new DataLoaderOptions { BatchSize = 32, BucketChunkBatches = 5 }, i => System.Math.Min(128, lengths[i]));
        long cappedPlain = plain.PlanEpoch(new ShuffleRandom(1)).Sum(b => (long)b.Max(i => System.Math.Min(128, lengths[i])) * b.Length);
        long cappedBucket = capped.PlanEpoch(new ShuffleRandom(1)).Sum(b => (long)b.Max(i => System.Math.Min(128, lengths[i])) * b.Length);
        output.WriteLine($"capped at 128: useful {cappedUseful}; to batch max: {cappedPlain} ({(double)cappedPlain / cappedUseful:0.00}x); bucketed: {cappedBucket} ({(double)cappedBucket / cappedUseful:0.00}x)");

        bucketSteps.ShouldBeLessThan(plainSteps * 3 / 4);
        ((double)cappedBucket / cappedUseful).ShouldBeLessThan(1.4);
        cappedBucket.ShouldBeLessThan(cappedPlain * 3 / 5);
    }
}
