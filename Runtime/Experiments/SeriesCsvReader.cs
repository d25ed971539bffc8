using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>
/// Reads the series of a <c>data: {format: csv}</c> section: a header row, then one row a time step in time order;
/// the forecast column is named by <c>column:</c> or is the last column whose first row holds a number. Fields may be
/// quoted (<c>"a, b"</c>, <c>""</c> for a quote). A row whose value is missing or not a finite number is a bad record
/// (reported with its line, counted, left out); blank lines are skipped.
/// </summary>
public static class SeriesCsvReader
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="column">The column to read, or null for the last numeric one.</param>
    /// <param name="onBadRecord">Called with each bad record.</param>
    /// <returns>The series.</returns>
    /// <exception cref="DataFormatException">The file has no header, no such column or no numeric column (the record says which).</exception>
    public static SeriesCsv Read(string path, string? column, Action<BadRecord>? onBadRecord = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, Path.GetFileName(path), column, onBadRecord);
    }

    /// <summary>Reads CSV text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">The source's name in bad records.</param>
    /// <param name="column">The column to read, or null for the last numeric one.</param>
    /// <param name="onBadRecord">Called with each bad record.</param>
    /// <returns>The series.</returns>
    /// <exception cref="DataFormatException">The text has no header, no such column or no numeric column.</exception>
    public static SeriesCsv Read(TextReader reader, string source, string? column, Action<BadRecord>? onBadRecord = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var report = new DataReadReport(observer: onBadRecord);
        string? header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new DataFormatException(new BadRecord(source, "line", 1, BadRecordKind.MissingField, "the file has no header row; its first line must name the columns"));
        }

        IReadOnlyList<string> names = [.. Fields(header).Select(n => n.Trim())];
        int index = column is null ? -1 : names.ToList().IndexOf(column);
        if (column is not null && index < 0)
        {
            // A first line of numbers is a file without its header (e.g. the last rows of a series cut off with tail).
            throw new DataFormatException(names.Any(n => double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                ? new BadRecord(source, "line", 1, BadRecordKind.MissingField, $"has no header row: its first line holds values ({string.Join(", ", names)}), not column names; put the header line (with '{column}') first")
                : new BadRecord(source, "column", 0, BadRecordKind.MissingField, $"has no column '{column}'; its columns are {string.Join(", ", names)}"));
        }

        var values = new List<double>();
        long line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                report.CountBlankLine();
                continue;
            }

            IReadOnlyList<string> fields = Fields(text);
            if (index < 0)
            {
                index = LastNumeric(fields);
                if (index < 0)
                {
                    throw new DataFormatException(new BadRecord(source, "line", line, BadRecordKind.WrongType, "has no numeric column in its first row; name the column to forecast with data.column"));
                }
            }

            if (fields.Count != names.Count)
            {
                report.Reject(new BadRecord(source, "line", line, BadRecordKind.Malformed, $"has {fields.Count} fields, the header {names.Count}"), BadRecordPolicy.SkipAndReport);
            }
            else if (!double.TryParse(fields[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                report.Reject(new BadRecord(source, "line", line, BadRecordKind.WrongType, $"'{names[index]}' is '{fields[index]}', not a number"), BadRecordPolicy.SkipAndReport);
            }
            else
            {
                values.Add(value);
                report.CountAccepted();
            }
        }

        if (index < 0)
        {
            throw new DataFormatException(new BadRecord(source, "line", line, BadRecordKind.Truncated, "has a header but no rows"));
        }

        return new SeriesCsv(names[index], values, report);
    }

    private static int LastNumeric(IReadOnlyList<string> fields)
    {
        for (int i = fields.Count - 1; i >= 0; i--)
        {
            if (double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
