using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.CommandLine;

/// <summary>
/// The full bad-record report of a run: every bad record is appended to a file in the run folder as it is met (memory
/// stays bounded), and <see cref="Complete"/> adds the counts. <see cref="Summary"/> gives the few lines a program
/// prints: counts by reason and the first examples with file:line.
/// </summary>
public sealed class DataReport : IDisposable
{
    /// <summary>The report's file name in a run folder.</summary>
    public const string FileName = "data-report.txt";

    private readonly StreamWriter writer;
    private bool completed;

    /// <summary>Creates (or replaces) the report file.</summary>
    /// <param name="path">The report file.</param>
    /// <param name="title">What was read, for the first line.</param>
    /// <exception cref="UserError">The file cannot be written.</exception>
    public DataReport(string path, string title)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write the data report {path} ({OneLine.Of(ex.Message).TrimEnd('.')}); choose a writable run folder", ex);
        }

        writer.WriteLine($"# {title}");
        writer.WriteLine("# every bad record, as met: source:line (text) or source record N (binary): kind: reason");
    }

    /// <summary>The report file.</summary>
    public string Path { get; }

    /// <summary>Bad records written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one bad record (pass this method as a reader's bad-record observer).</summary>
    /// <param name="record">The record.</param>
    public void Add(BadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteLine(Format(record));
        Count++;
    }

    /// <summary>Writes the counts at the end of the file and closes it.</summary>
    /// <param name="report">The readers' report.</param>
    public void Complete(DataReadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteLine();
        writer.WriteLine("# summary");
        writer.WriteLine(Counts(report));
        foreach (KeyValuePair<BadRecordKind, int> pair in report.BadRecordCounts.OrderBy(p => p.Key))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value}"));
        }

        writer.Flush();
        completed = true;
        writer.Dispose();
    }

    /// <summary>Closes the file (without the summary when <see cref="Complete"/> was not called).</summary>
    public void Dispose()
    {
        if (!completed)
        {
            writer.Dispose();
            completed = true;
        }
    }

    /// <summary>A bad record as <c>file:line: Kind: reason</c> (text) or <c>file record N: Kind: reason</c>.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The line.</returns>
    public static string Format(BadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string where = record.Unit == "line"
            ? string.Create(CultureInfo.InvariantCulture, $"{record.Source}:{record.Index}")
            : string.Create(CultureInfo.InvariantCulture, $"{record.Source} {record.Unit} {record.Index}");
        return $"{where}: {record.Kind}: {OneLine.Of(record.Reason)}";
    }

    /// <summary>The counts in one line, e.g. <c>600 records read: 590 accepted, 6 bad (Malformed 4, Truncated 2), 4 duplicates</c>.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The line.</returns>
    public static string Counts(DataReadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var parts = new List<string> { Invariant($"{report.Accepted} accepted"), Invariant($"{report.BadRecords} bad") + (report.BadRecords > 0 ? $" ({DataQualityPolicy.Summary(report)})" : string.Empty) };
        if (report.DuplicatesSkipped > 0)
        {
            parts.Add(Invariant($"{report.DuplicatesSkipped} duplicates skipped"));
        }

        if (report.UnrecognizedSkipped > 0)
        {
            parts.Add(Invariant($"{report.UnrecognizedSkipped} unrecognized skipped"));
        }

        if (report.BlankLinesSkipped > 0)
        {
            parts.Add(Invariant($"{report.BlankLinesSkipped} blank lines"));
        }

        return Invariant($"{report.RecordsRead} records read: ") + string.Join(", ", parts);
    }

    /// <summary>The lines a program prints about a read: the counts, up to <paramref name="examples"/> bad records, and where the full report is.</summary>
    /// <param name="report">The readers' report.</param>
    /// <param name="reportPath">The full report, or null when none was written.</param>
    /// <param name="examples">How many bad records to show.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> Summary(DataReadReport report, string? reportPath, int examples = 3)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string> { "data: " + Counts(report) };
        foreach (BadRecord record in report.Examples.Take(examples))
        {
            lines.Add("  e.g. " + Format(record));
        }

        if (report.BadRecords > 0 && reportPath is not null)
        {
            lines.Add($"  every bad record: {reportPath}");
        }

        return lines;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
