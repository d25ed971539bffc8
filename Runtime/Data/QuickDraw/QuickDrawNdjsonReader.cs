using System;
using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Streams drawings from Google's ndjson files (simplified or raw), one line at a time with a reusable buffer:
/// memory does not grow with file size. One instance keeps its deduplication keys, per-class counts and
/// <see cref="Report"/> across every file it reads.
/// </summary>
public sealed class QuickDrawNdjsonReader
{
    private readonly DrawingAdmission admission;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">Filtering, cap and error handling; null for the defaults.</param>
    public QuickDrawNdjsonReader(QuickDrawReadOptions? options = null)
    {
        Options = options ?? new QuickDrawReadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxLineBytes, 1024, nameof(options));
        Report = new DataReadReport(Options.MaxReportExamples);
        admission = new DrawingAdmission(Options, Report);
    }

    /// <summary>The options this reader was created with.</summary>
    public QuickDrawReadOptions Options { get; }

    /// <summary>What was accepted, filtered and rejected so far.</summary>
    public DataReadReport Report { get; }

    /// <summary>Streams the drawings of one file.</summary>
    /// <param name="path">An ndjson file (names with spaces are fine).</param>
    /// <returns>The accepted drawings, lazily, in file order.</returns>
    public IEnumerable<Drawing> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileCore(path);
    }

    /// <summary>Streams several files one after the other.</summary>
    /// <param name="paths">The files.</param>
    /// <returns>The accepted drawings, lazily.</returns>
    public IEnumerable<Drawing> ReadFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return ReadFilesCore(paths);
    }

    /// <summary>Streams the drawings of an open stream, which is left open.</summary>
    /// <param name="stream">UTF-8 ndjson.</param>
    /// <param name="sourceName">The name used in bad-record reports (a file name).</param>
    /// <returns>The accepted drawings, lazily, in stream order.</returns>
    public IEnumerable<Drawing> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadCore(stream, sourceName);
    }

    private IEnumerable<Drawing> ReadFilesCore(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            foreach (Drawing d in ReadFileCore(path))
            {
                yield return d;
            }
        }
    }

    private IEnumerable<Drawing> ReadFileCore(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        foreach (Drawing d in ReadCore(stream, path))
        {
            yield return d;
        }
    }

    private IEnumerable<Drawing> ReadCore(Stream stream, string sourceName)
    {
        var lines = new Utf8LineReader(stream, Options.MaxLineBytes);
        var parser = new NdjsonDrawingParser(Options.StrokeFormat);
        while (lines.TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong))
        {
            if (tooLong)
            {
                Report.Reject(new BadRecord(sourceName, "line", lines.LineNumber, BadRecordKind.Malformed, $"line longer than {Options.MaxLineBytes} bytes"), Options.BadRecords);
                continue;
            }

            if (IsBlank(line.Span))
            {
                Report.CountBlankLine();
                continue;
            }

            Drawing drawing;
            try
            {
                drawing = parser.Parse(line.Span);
            }
            catch (RecordRejectedException ex)
            {
                Report.Reject(new BadRecord(sourceName, "line", lines.LineNumber, ex.Kind, ex.Message), Options.BadRecords, ex.InnerException);
                continue;
            }

            bool accept = admission.Admit(drawing, out bool stopFile);
            if (accept)
            {
                yield return drawing;
            }

            if (stopFile)
            {
                yield break;
            }
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
