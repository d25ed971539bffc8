using System;
using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Streams drawings from Google's ndjson files (simplified or raw), one line at a time with a reusable buffer:
/// memory does not grow with file size. One instance keeps its deduplication keys, per-class counts and
/// <see cref="Report"/> across every file it reads. Bad data never throws (unless
/// <see cref="QuickDrawReadOptions.BadRecords"/> asks for strict mode): a bad line, invalid UTF-8, an unreadable file
/// or an I/O error are counted and kept as examples in <see cref="Report"/>, with the file and line.
/// </summary>
public sealed class QuickDrawNdjsonReader
{
    private readonly DrawingAdmission admission;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">Filtering, cap and error handling; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="QuickDrawReadOptions.MaxLineBytes"/> is below 1024.</exception>
    public QuickDrawNdjsonReader(QuickDrawReadOptions? options = null)
    {
        Options = options ?? new QuickDrawReadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxLineBytes, 1024, nameof(options));
        Report = new DataReadReport(Options.MaxReportExamples, Options.OnBadRecord);
        admission = new DrawingAdmission(Options, Report);
    }

    /// <summary>The options this reader was created with.</summary>
    public QuickDrawReadOptions Options { get; }

    /// <summary>What was accepted, filtered and rejected so far.</summary>
    public DataReadReport Report { get; }

    /// <summary>Streams the drawings of one file; a file that cannot be opened or read is reported as <see cref="BadRecordKind.Unreadable"/>.</summary>
    /// <param name="path">An ndjson file (names with spaces are fine).</param>
    /// <returns>The accepted drawings, lazily, in file order.</returns>
    /// <exception cref="DataFormatException">Strict mode only: the first bad record.</exception>
    public IEnumerable<Drawing> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Accepted(ReadFileCore(path));
    }

    /// <summary>Streams several files one after the other.</summary>
    /// <param name="paths">The files.</param>
    /// <returns>The accepted drawings, lazily.</returns>
    /// <exception cref="DataFormatException">Strict mode only: the first bad record.</exception>
    public IEnumerable<Drawing> ReadFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return ReadFilesCore(paths);
    }

    /// <summary>Streams the drawings of an open stream, which is left open.</summary>
    /// <param name="stream">UTF-8 ndjson.</param>
    /// <param name="sourceName">The name used in bad-record reports (a file name).</param>
    /// <returns>The accepted drawings, lazily, in stream order.</returns>
    /// <exception cref="DataFormatException">Strict mode only: the first bad record.</exception>
    public IEnumerable<Drawing> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return Accepted(ReadCore(stream, sourceName));
    }

    /// <summary>
    /// Streams what became of every record of an open stream (left open), as soon as its line is read: the accepted
    /// drawing or the rejection, keyed by the 1-based line number. Blank lines and records filtered out by the
    /// options (duplicates, over the cap, unrecognized) yield nothing; they are counted in <see cref="Report"/>.
    /// </summary>
    /// <param name="stream">UTF-8 ndjson, e.g. standard input.</param>
    /// <param name="sourceName">The name used in bad-record reports.</param>
    /// <returns>One outcome per record, lazily, in stream order.</returns>
    /// <exception cref="DataFormatException">Strict mode only: the first bad record.</exception>
    public IEnumerable<RecordOutcome<Drawing>> ReadRecords(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadCore(stream, sourceName);
    }

    private static IEnumerable<Drawing> Accepted(IEnumerable<RecordOutcome<Drawing>> outcomes)
    {
        foreach (RecordOutcome<Drawing> outcome in outcomes)
        {
            if (outcome.Value is not null)
            {
                yield return outcome.Value;
            }
        }
    }

    private IEnumerable<Drawing> ReadFilesCore(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            foreach (Drawing d in ReadFile(path))
            {
                yield return d;
            }
        }
    }

    private IEnumerable<RecordOutcome<Drawing>> ReadFileCore(string path)
    {
        Stream? stream = FileAccessHelper.OpenOrReport(path, Report, Options.BadRecords, "line", 1 << 16);
        if (stream is null)
        {
            yield break;
        }

        using (stream)
        {
            foreach (RecordOutcome<Drawing> outcome in ReadCore(stream, path))
            {
                yield return outcome;
            }
        }
    }

    private IEnumerable<RecordOutcome<Drawing>> ReadCore(Stream stream, string sourceName)
    {
        var lines = new Utf8LineReader(stream, Options.MaxLineBytes);
        var parser = new NdjsonDrawingParser(Options.StrokeFormat, Options.MaxAbsCoordinate, Options.RequireMetadata);
        while (true)
        {
            ReadOnlyMemory<byte> line = default;
            bool tooLong = false;
            bool finalUnterminated = false;
            BadRecord? failed = null;
            try
            {
                if (!lines.TryReadLine(out line, out tooLong))
                {
                    break;
                }

                finalUnterminated = lines.LastLineUnterminated;
            }
            catch (IOException ex)
            {
                failed = new(sourceName, "line", lines.LineNumber + 1, BadRecordKind.Unreadable, $"reading stopped by an I/O error: {ex.Message}");
                Report.Reject(failed, Options.BadRecords, ex);
            }

            if (failed is not null)
            {
                yield return new RecordOutcome<Drawing>(failed.Index, null, failed);
                yield break;
            }

            if (tooLong)
            {
                BadRecord longLine = new(sourceName, "line", lines.LineNumber, BadRecordKind.Malformed, $"line longer than {Options.MaxLineBytes} bytes");
                Report.Reject(longLine, Options.BadRecords);
                yield return new RecordOutcome<Drawing>(lines.LineNumber, null, longLine);
                continue;
            }

            if (IsBlank(line.Span))
            {
                Report.CountBlankLine();
                continue;
            }

            Drawing drawing;
            BadRecord? bad = null;
            Exception? cause = null;
            try
            {
                drawing = parser.Parse(line.Span, finalUnterminated);
            }
            catch (RecordRejectedException ex)
            {
                bad = new BadRecord(sourceName, "line", lines.LineNumber, ex.Kind, ex.Message);
                cause = ex.InnerException;
                drawing = null!;
            }

            if (bad is not null)
            {
                Report.Reject(bad, Options.BadRecords, cause);
                yield return new RecordOutcome<Drawing>(lines.LineNumber, null, bad);
                continue;
            }

            bool accept = admission.Admit(drawing, out bool stopFile);
            if (accept)
            {
                yield return new RecordOutcome<Drawing>(lines.LineNumber, drawing, null);
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
