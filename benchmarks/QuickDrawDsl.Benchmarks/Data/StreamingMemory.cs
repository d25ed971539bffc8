using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Benchmarks.Data;

/// <summary>
/// Memory while streaming simplified ndjson files far larger than a fixed managed-heap budget: each file (the 1,000
/// shared monkeys repeated, with fresh key_ids) is read and converted to stroke-3 in a child process whose GC heap is
/// capped with <c>DOTNET_GCHeapHardLimit</c>, so a reader that held on to drawings would fail with out-of-memory
/// rather than look slow. Prints a Markdown table of peak heap and peak working set per file size.
/// </summary>
public static class StreamingMemory
{
    /// <summary>The managed-heap budget of the child process.</summary>
    public const long HeapBudgetBytes = 64L * 1024 * 1024;

    /// <summary>Generates the files, streams each in a capped child process and prints the table.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="sizesMegabytes">File sizes to stream.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(TextWriter output, IReadOnlyList<int> sizesMegabytes)
    {
        string source = Path.Combine(SharedDataFolder.Shared(), "quickdraw", "simplified_1000", "monkey.ndjson");
        string[] lines = File.ReadAllLines(source);
        string folder = Path.Combine(Path.GetTempPath(), "qd-stream-memory");
        Directory.CreateDirectory(folder);
        output.WriteLine($"Simplified ndjson made by repeating the 1,000 shared monkeys with fresh key_ids; each file parsed and converted to stroke-3 in a child process with DOTNET_GCHeapHardLimit = {HeapBudgetBytes / (1024 * 1024)} MB.");
        output.WriteLine();
        output.WriteLine("| file | drawings | deduplicate key_ids | MB/s | peak GC heap (MB) | peak working set (MB) |");
        output.WriteLine("|---:|---:|---|---:|---:|---:|");
        try
        {
            foreach (int megabytes in sizesMegabytes)
            {
                string path = Path.Combine(folder, $"monkey-{megabytes}MB.ndjson");
                Write(lines, path, (long)megabytes * 1024 * 1024);
                foreach (bool deduplicate in new[] { false, true })
                {
                    string result = Child(path, deduplicate);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {megabytes:N0} MB | {result} |"));
                }

                File.Delete(path);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    /// <summary>The child: streams one file and prints one table row (without the size column).</summary>
    /// <param name="output">Where the row goes.</param>
    /// <param name="path">The ndjson file.</param>
    /// <param name="deduplicate">Whether the reader deduplicates key_ids (it then keeps 8 bytes per drawing).</param>
    /// <returns>The process exit code.</returns>
    public static int Child(TextWriter output, string path, bool deduplicate)
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = deduplicate });
        long drawings = 0, points = 0, peakHeap = 0;
        var clock = Stopwatch.StartNew();
        foreach (Drawing drawing in reader.ReadFile(path))
        {
            points += StrokeConversions.ToStroke3(drawing).Length;
            if (++drawings % 25_000 == 0)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        double megabytes = new FileInfo(path).Length / 1e6;
        using Process self = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{drawings:N0} | {(deduplicate ? "yes" : "no")} | {megabytes / seconds:F0} | {peakHeap / 1e6:F1} | {self.PeakWorkingSet64 / 1e6:F0}"));
        return points > 0 ? 0 : 1;
    }

    private static string Child(string path, bool deduplicate)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("stream-memory-child");
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(deduplicate ? "dedupe" : "all");
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + HeapBudgetBytes.ToString("X", CultureInfo.InvariantCulture);
        using Process child = Process.Start(start)!;
        var errors = child.StandardError.ReadToEndAsync();
        string row = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        return child.ExitCode == 0
            ? row
            : $"failed: exit {child.ExitCode} ({errors.Result.Split('\n')[0].Trim()}) | | | | |";
    }

    private static void Write(string[] lines, string path, long targetBytes)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        long written = 0;
        for (int i = 0; written < targetBytes; i++)
        {
            // A fresh key_id per copy, so that a deduplicating reader keeps every drawing.
            string line = lines[i % lines.Length].Replace("\"key_id\":\"", $"\"key_id\":\"{i / lines.Length:D5}", StringComparison.Ordinal);
            writer.WriteLine(line);
            written += line.Length + 1;
        }
    }
}
