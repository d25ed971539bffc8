using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.Cache;

/// <summary>
/// A prepare interrupted after some sources and run again reports the bad records of every source, each once: those
/// of the reused sources come back from their logs, and the counts equal an uninterrupted prepare's.
/// </summary>
public sealed class PrepareReportTests : IDisposable
{
    private static readonly string[] Words = ["apple", "banana", "eye"];

    private readonly TempDirectory temp = new();

    private string Source => temp.File("source");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AResumedPrepareListsTheBadRecordsOfEverySourceOnce()
    {
        // Two bad lines per file, each of another kind or place: 6 in all, at lines 101 and 102 of every file.
        Directory.CreateDirectory(Source);
        foreach (string word in Words)
        {
            File.Copy(Fixtures.PathOf("quickdraw", "simplified_100", word + ".ndjson"), Path.Combine(Source, word + ".ndjson"));
            File.AppendAllText(Path.Combine(Source, word + ".ndjson"), $"{{\"word\":\"{word}\",\"key_id\":\"1\",\"drawing\":[[[1,2],[3]]\nnot json at all\n");
        }

        (string, long)[] expected = Words.SelectMany(w => new[] { ($"{w}.ndjson", 101L), ($"{w}.ndjson", 102L) }).ToArray();
        DrawingCachePrepareResult reference = DrawingCachePreparer.Prepare(Source, temp.File("reference"), Options(new List<BadRecord>()));
        reference.Report.BadRecords.ShouldBe(6);

        // Interrupted after the first source (as a kill between two files leaves it), then run again.
        string cache = temp.File("cache");
        var first = new List<BadRecord>();
        using (var stop = new CancellationTokenSource())
        {
            DrawingCachePrepareOptions interrupted = Options(first) with { Parallelism = 1, OnSourceDone = (_, _) => stop.Cancel() };
            Should.Throw<OperationCanceledException>(() => DrawingCachePreparer.Prepare(Source, cache, interrupted, stop.Token));
        }

        Where(first).ToArray().ShouldBe(expected[..2]);
        File.Exists(Path.Combine(cache, "shards", "apple.ndjson" + DrawingCacheFormat.BadRecordLogSuffix)).ShouldBeTrue();

        var second = new List<BadRecord>();
        DrawingCachePrepareResult resumed = DrawingCachePreparer.Prepare(Source, cache, Options(second));
        resumed.Reused.ShouldBe(1);
        resumed.Prepared.ShouldBe(2);
        Where(second).Order().ToArray().ShouldBe(expected, "every bad line of every source, each once");
        SameCounts(resumed.Report, reference.Report);
        second.Single(r => r.Source.EndsWith("apple.ndjson", StringComparison.Ordinal) && r.Index == 102).Kind
            .ShouldBe(reference.Report.Examples.Single(r => r.Source.EndsWith("apple.ndjson", StringComparison.Ordinal) && r.Index == 102).Kind);

        // Everything reused: still all six, from the logs alone.
        var third = new List<BadRecord>();
        DrawingCachePrepareResult again = DrawingCachePreparer.Prepare(Source, cache, Options(third));
        again.Reused.ShouldBe(3);
        Where(third).Order().ToArray().ShouldBe(expected);
        SameCounts(again.Report, reference.Report);

        // A source whose log is gone (or damaged) is prepared again rather than reported without its bad records.
        File.Delete(Path.Combine(cache, "shards", "banana.ndjson" + DrawingCacheFormat.BadRecordLogSuffix));
        File.WriteAllText(Path.Combine(cache, "shards", "eye.ndjson" + DrawingCacheFormat.BadRecordLogSuffix), "{\"source\":\n");
        var fourth = new List<BadRecord>();
        DrawingCachePrepareResult repaired = DrawingCachePreparer.Prepare(Source, cache, Options(fourth));
        repaired.Prepared.ShouldBe(2);
        repaired.Reused.ShouldBe(1);
        Where(fourth).Order().ToArray().ShouldBe(expected);
        SameCounts(repaired.Report, reference.Report);
    }

    private static DrawingCachePrepareOptions Options(List<BadRecord> sink) =>
        new() { ValidationFraction = 0.1, TestFraction = 0.1, OnBadRecord = sink.Add };

    private static IEnumerable<(string, long)> Where(IEnumerable<BadRecord> records) =>
        records.Select(r => (Path.GetFileName(r.Source), r.Index));

    private static void SameCounts(DataReadReport actual, DataReadReport expected)
    {
        actual.RecordsRead.ShouldBe(expected.RecordsRead);
        actual.Accepted.ShouldBe(expected.Accepted);
        actual.BadRecords.ShouldBe(expected.BadRecords);
        actual.BadRecordCounts.OrderBy(p => p.Key).ShouldBe(expected.BadRecordCounts.OrderBy(p => p.Key));
        actual.BlankLinesSkipped.ShouldBe(expected.BlankLinesSkipped);
    }
}
