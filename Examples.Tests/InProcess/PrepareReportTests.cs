using System;
using System.IO;
using System.Linq;
using System.Threading;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Data.Cache;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// <c>quickdraw prepare</c> run again after an interruption: the cache's data-report.txt lists the bad records of every
/// source, those of the files the interrupted run finished included, each once, and its summary counts them all.
/// </summary>
public sealed class PrepareReportTests : IDisposable
{
    private static readonly string[] Words = ["apple", "banana", "eye", "nose"];

    private readonly string root = Path.Combine(Path.GetTempPath(), "qd-prepare-report-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheReportOfAResumedPrepareListsEveryBadRecordOnce()
    {
        // 30 good drawings and 3 bad lines per file (lines 31-33), 12 bad lines in all.
        string data = Path.Combine(root, "data");
        Drawings.WriteFolder(data, 30, Words);
        foreach (string word in Words)
        {
            File.AppendAllLines(Path.Combine(data, word + ".ndjson"), ["{\"word\":\"" + word + "\",\"drawing\":[[[1,2]", "[1,2,3]", "{\"word\": NaN}"]);
        }

        // The first prepare stops after two of the four files, as a kill between files leaves it.
        string cache = Path.Combine(root, "cache");
        int done = 0;
        using (var stop = new CancellationTokenSource())
        {
            var first = new DrawingCachePrepareOptions { Parallelism = 1, OnSourceDone = (_, _) => { if (++done == 2) { stop.Cancel(); } } };
            Should.Throw<OperationCanceledException>(() => DrawingCachePreparer.Prepare(data, cache, first, stop.Token));
        }

        using var log = new StringWriter();
        DrawingCacheManifest manifest = PrepareCommand.Execute(data, cache, new DrawingCachePrepareOptions(), maxBadFraction: 0.2, log);

        manifest.Sources.Sum(s => s.BadRecords).ShouldBe(12);
        log.ToString().ShouldContain("2 file(s) prepared, 2 reused");
        log.ToString().ShouldContain("12 bad record(s) left out");
        string[] report = File.ReadAllLines(Path.Combine(cache, "data-report.txt"));
        string[] bad = report.Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains(".ndjson:", StringComparison.Ordinal)).ToArray();
        bad.Length.ShouldBe(12, string.Join('\n', report));
        foreach (string word in Words)
        {
            foreach (int line in new[] { 31, 32, 33 })
            {
                bad.Count(l => l.StartsWith($"{Path.Combine(data, word + ".ndjson")}:{line}: ", StringComparison.Ordinal)).ShouldBe(1, $"{word} line {line}");
            }
        }

        // The same report, line for line (in another order), as one uninterrupted prepare's; only the title differs.
        string reference = Path.Combine(root, "reference");
        PrepareCommand.Execute(data, reference, new DrawingCachePrepareOptions(), maxBadFraction: 0.2, TextWriter.Null);
        string[] expected = File.ReadAllLines(Path.Combine(reference, "data-report.txt"));
        report.Skip(1).Order(StringComparer.Ordinal).ShouldBe(expected.Skip(1).Order(StringComparer.Ordinal));
        report.ShouldContain(l => l.StartsWith("132 records read: 120 accepted, 12 bad (", StringComparison.Ordinal));
    }
}
