using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Benchmarks.Data;

/// <summary>
/// Parsing Google's simplified ndjson, and converting to stroke-3, on one and two threads. The input is the shared
/// monkey file (1,000 real drawings) repeated into two 32 MB files; throughput is file size / mean time.
/// </summary>
public class IngestBenchmarks
{
    private const int TargetBytesPerFile = 32 * 1024 * 1024;
    private string[] files = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Bytes parsed per call, for MB/s in docs/benchmarks.md.</summary>
    public static long BytesPerCall { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        string source = Path.Combine(SharedDataFolder.Shared(), "quickdraw", "simplified_1000", "monkey.ndjson");
        string[] lines = File.ReadAllLines(source);
        string folder = Path.Combine(Path.GetTempPath(), "qd-ingest-bench");
        Directory.CreateDirectory(folder);
        files = new string[2];
        for (int f = 0; f < files.Length; f++)
        {
            files[f] = Path.Combine(folder, $"monkey-{f}.ndjson");
            using var writer = new StreamWriter(files[f]) { NewLine = "\n" };
            long written = 0;
            for (int i = 0; written < TargetBytesPerFile; i++)
            {
                // A fresh key_id per copy, so deduplication keeps every drawing.
                string line = lines[i % lines.Length].Replace("\"key_id\":\"", $"\"key_id\":\"{i / lines.Length:D4}", StringComparison.Ordinal);
                writer.WriteLine(line);
                written += line.Length + 1;
            }
        }

        BytesPerCall = files.Sum(f => new FileInfo(f).Length);
    }

    [Benchmark(Baseline = true, Description = "parse simplified ndjson (2 x 32 MB)")]
    public long Parse() => Run(path => new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false }).ReadFile(path).LongCount());

    [Benchmark(Description = "parse + stroke-3 (2 x 32 MB)")]
    public long ParseAndConvert() => Run(path => new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false })
        .ReadFile(path).Sum(d => (long)StrokeConversions.ToStroke3(d).Length));

    private long Run(Func<string, long> work)
    {
        if (Threads == 1)
        {
            return files.Sum(work);
        }

        long[] counts = new long[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i => counts[i] = work(files[i]));
        return counts.Sum();
    }
}
