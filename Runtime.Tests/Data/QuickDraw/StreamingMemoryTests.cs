using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

[Collection(MemoryMeasurementCollection.Name)]
public sealed class StreamingMemoryTests(ITestOutputHelper output)
{
    [RealDataFact]
    public void AFullPassOverA50MegabyteFileKeepsManagedMemoryBounded()
    {
        using var temp = new TempDirectory();
        string path = temp.File("monkey x50MB.ndjson");
        byte[] source = File.ReadAllBytes(SharedData.PathOf("quickdraw", "simplified_1000", "monkey.ndjson"));
        int copies = 0;
        using (FileStream fs = File.Create(path))
        {
            while (fs.Length < 50L * 1024 * 1024)
            {
                fs.Write(source);
                copies++;
            }
        }

        long fileBytes = new FileInfo(path).Length;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long peakGrowth = 0;
        long drawings = 0;
        long points = 0;
        var watch = Stopwatch.StartNew();

        // Duplicated key_ids are the point of this file, so deduplication is off: every line is parsed and returned.
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false });
        foreach (Drawing d in reader.ReadFile(path))
        {
            drawings++;
            points += d.PointCount;
            if (drawings % 20_000 == 0)
            {
                long growth = GC.GetTotalMemory(forceFullCollection: true) - before;
                output.WriteLine($"after {drawings} drawings: managed growth {growth / 1e6:F2} MB");
                peakGrowth = Math.Max(peakGrowth, growth);
            }
        }

        watch.Stop();
        peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - before);
        output.WriteLine($"{fileBytes / 1e6:F1} MB, {drawings} drawings in {watch.Elapsed.TotalSeconds:F2} s ({fileBytes / 1e6 / watch.Elapsed.TotalSeconds:F0} MB/s), peak managed growth {peakGrowth / 1e6:F2} MB");

        drawings.ShouldBe(1000L * copies);
        points.ShouldBe(79_919L * copies);
        reader.Report.BadRecords.ShouldBe(0);
        peakGrowth.ShouldBeLessThan(64L * 1024 * 1024);
    }

    [RealDataFact]
    public void ACappedReadOfAHugeFileTouchesOnlyItsHead()
    {
        using var temp = new TempDirectory();
        string path = temp.File("monkey.ndjson");
        byte[] source = File.ReadAllBytes(SharedData.PathOf("quickdraw", "simplified_1000", "monkey.ndjson"));
        using (FileStream fs = File.Create(path))
        {
            for (int i = 0; i < 20; i++)
            {
                fs.Write(source);
            }
        }

        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxPerClass = 100 });
        reader.ReadFile(path).Count().ShouldBe(100);
        reader.Report.Accepted.ShouldBe(100);
        reader.Report.OverCapSkipped.ShouldBe(0);
    }
}
