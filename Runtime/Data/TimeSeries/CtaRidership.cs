using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>
/// The Chicago Transit Authority daily boarding totals
/// (<c>service_date,day_type,bus,rail_boardings,total_rides</c>, dates <c>MM/DD/YYYY</c>), loaded the way the
/// Hands-On ML notebook does: parse dates, sort by date, drop exact duplicate rows (and say how many).
/// </summary>
public sealed class CtaRidership
{
    private static readonly string[] ExpectedHeader = ["service_date", "day_type", "bus", "rail_boardings", "total_rides"];

    private CtaRidership(IReadOnlyList<RidershipRecord> records, int rawRowCount, int duplicateRowsDropped, DataReadReport report)
    {
        Records = records;
        RawRowCount = rawRowCount;
        DuplicateRowsDropped = duplicateRowsDropped;
        Report = report;
    }

    /// <summary>One record per day, sorted by date.</summary>
    public IReadOnlyList<RidershipRecord> Records { get; }

    /// <summary>The number of data rows in the file (header excluded, bad rows included).</summary>
    public int RawRowCount { get; }

    /// <summary>The number of exact duplicate rows dropped.</summary>
    public int DuplicateRowsDropped { get; }

    /// <summary>Bad rows (counted and skipped unless strict) and duplicates.</summary>
    public DataReadReport Report { get; }

    /// <summary>Loads and cleans the file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="policy">Skip and report bad rows (default) or throw at the first.</param>
    /// <returns>The cleaned data.</returns>
    public static CtaRidership Load(string path, BadRecordPolicy policy = BadRecordPolicy.SkipAndReport)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Load(reader, path, policy);
    }

    /// <summary>Loads and cleans CSV text from a reader.</summary>
    /// <param name="reader">The CSV text, header first.</param>
    /// <param name="sourceName">The name used in reports.</param>
    /// <param name="policy">Skip and report bad rows (default) or throw at the first.</param>
    /// <returns>The cleaned data.</returns>
    public static CtaRidership Load(TextReader reader, string sourceName, BadRecordPolicy policy = BadRecordPolicy.SkipAndReport)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var report = new DataReadReport();
        string? header = reader.ReadLine();
        if (header is null || !header.Trim().Split(',').Select(h => h.Trim()).SequenceEqual(ExpectedHeader))
        {
            throw new DataFormatException(new BadRecord(sourceName, "line", 1, BadRecordKind.UnsupportedFormat, $"expected the header '{string.Join(",", ExpectedHeader)}', found '{header}'"));
        }

        var rows = new List<RidershipRecord>();
        int raw = 0;
        long lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                report.CountBlankLine();
                continue;
            }

            raw++;
            string? problem = TryParse(line, out RidershipRecord? record, out BadRecordKind kind);
            if (problem is not null)
            {
                report.Reject(new BadRecord(sourceName, "line", lineNumber, kind, problem), policy);
                continue;
            }

            rows.Add(record!);
        }

        // Stable sort keeps file order among equal dates, so "first seen" is well defined.
        List<RidershipRecord> sorted = rows.OrderBy(r => r.Date).ToList();
        var kept = new List<RidershipRecord>(sorted.Count);
        int duplicates = 0;
        foreach (RidershipRecord r in sorted)
        {
            if (kept.Count > 0 && kept[^1].Date == r.Date)
            {
                if (kept[^1] == r)
                {
                    duplicates++;
                    report.CountDuplicate();
                }
                else
                {
                    report.Reject(new BadRecord(sourceName, "date", r.Date.DayNumber, BadRecordKind.Conflict, $"{r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} appears twice with different values; the first row is kept"), policy);
                }

                continue;
            }

            kept.Add(r);
            report.CountAccepted();
        }

        return new CtaRidership(kept, raw, duplicates, report);
    }

    /// <summary>The data as a table with columns <c>bus</c>, <c>rail</c> and <c>total</c>.</summary>
    /// <returns>The table.</returns>
    public TimeSeriesTable ToTable() =>
        new(
            Records.Select(r => r.Date).ToArray(),
            [
                new("bus", Records.Select(r => (double)r.Bus).ToArray()),
                new("rail", Records.Select(r => (double)r.Rail).ToArray()),
                new("total", Records.Select(r => (double)r.Total).ToArray()),
            ]);

    private static string? TryParse(string line, out RidershipRecord? record, out BadRecordKind kind)
    {
        record = null;
        kind = BadRecordKind.Malformed;
        string[] f = line.Split(',');
        if (f.Length != 5)
        {
            return $"expected 5 comma-separated fields, found {f.Length}";
        }

        kind = BadRecordKind.WrongType;
        if (!DateOnly.TryParseExact(f[0].Trim(), "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return $"service_date '{f[0]}' is not MM/DD/YYYY";
        }

        string dayType = f[1].Trim();
        if (dayType is not ("W" or "A" or "U"))
        {
            kind = BadRecordKind.OutOfRange;
            return $"day_type '{f[1]}' is not W, A or U";
        }

        if (!long.TryParse(f[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long bus)
            || !long.TryParse(f[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long rail)
            || !long.TryParse(f[4].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long total))
        {
            return $"bus, rail_boardings and total_rides must be non-negative integers ('{f[2]}', '{f[3]}', '{f[4]}')";
        }

        if (bus + rail != total)
        {
            kind = BadRecordKind.Conflict;
            return string.Create(CultureInfo.InvariantCulture, $"total_rides {total} is not bus {bus} + rail_boardings {rail}");
        }

        record = new RidershipRecord(date, dayType[0], bus, rail, total);
        return null;
    }
}
