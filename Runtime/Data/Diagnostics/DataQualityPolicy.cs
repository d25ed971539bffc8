using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>
/// When data that was read is still not good enough to train on: too large a share of bad records, or a class left
/// with no usable record. Readers skip and report bad records; this policy decides whether what remains may be used.
/// </summary>
public sealed record DataQualityPolicy
{
    /// <summary>The default <see cref="MaxBadFraction"/>: 5 % of the records read.</summary>
    public const double DefaultMaxBadFraction = 0.05;

    /// <summary>The largest share of bad records (of every record read) that is tolerated; 0 tolerates none, 1 any number.</summary>
    public double MaxBadFraction { get; init; } = DefaultMaxBadFraction;

    /// <summary>Whether every class must keep at least one usable record (default true).</summary>
    public bool RequireEveryClass { get; init; } = true;

    /// <summary>Checks a read against the policy.</summary>
    /// <param name="report">What the readers accepted and rejected.</param>
    /// <param name="usableByClass">Usable records per class name, every expected class included (0 for a class with none).</param>
    /// <exception cref="DataQualityException">A class has no usable record, or more than <see cref="MaxBadFraction"/> of the records are bad.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxBadFraction"/> is outside [0, 1].</exception>
    public void Enforce(DataReadReport report, IReadOnlyDictionary<string, long> usableByClass) => Enforce(report, usableByClass, heldOutByClass: null);

    /// <summary>
    /// Checks a read against the policy, telling a class with no record at all from one whose records were all held out
    /// for validation and test.
    /// </summary>
    /// <param name="report">What the readers accepted and rejected.</param>
    /// <param name="usableByClass">Usable training records per class name, every expected class included (0 for a class with none).</param>
    /// <param name="heldOutByClass">Usable validation and test records per class name; null (or a missing class) counts none.</param>
    /// <exception cref="DataQualityException">
    /// A class has no usable training record (<see cref="DataQualityProblem.EmptyClass"/>, or
    /// <see cref="DataQualityProblem.NoTrainingRecord"/> when it has held-out ones), or more than
    /// <see cref="MaxBadFraction"/> of the records are bad.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxBadFraction"/> is outside [0, 1].</exception>
    public void Enforce(DataReadReport report, IReadOnlyDictionary<string, long> usableByClass, IReadOnlyDictionary<string, long>? heldOutByClass)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(usableByClass);
        if (MaxBadFraction is < 0 or > 1 || double.IsNaN(MaxBadFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBadFraction), MaxBadFraction, "MaxBadFraction must be between 0 and 1.");
        }

        if (RequireEveryClass)
        {
            string[] empty = usableByClass.Where(kv => kv.Value <= 0).Select(kv => kv.Key).ToArray();
            long HeldOut(string label) => heldOutByClass is not null && heldOutByClass.TryGetValue(label, out long n) ? n : 0;
            string[] noRecord = empty.Where(label => HeldOut(label) <= 0).ToArray();
            // A class with no record anywhere is the real problem: name it even when another class was only held out.
            if (noRecord.Length > 0)
            {
                throw new DataQualityException(DataQualityProblem.EmptyClass, report, noRecord, MaxBadFraction,
                    $"{Plural(noRecord.Length, "class", "classes")} {string.Join(", ", noRecord.Select(e => "'" + e + "'"))} {(noRecord.Length == 1 ? "has" : "have")} no usable record (all data read: {ReadSummary(report)})");
            }

            if (empty.Length > 0)
            {
                string counts = string.Join(", ", empty.Select(label => string.Create(CultureInfo.InvariantCulture, $"'{label}' {HeldOut(label)}")));
                throw new DataQualityException(DataQualityProblem.NoTrainingRecord, report, empty, MaxBadFraction,
                    $"{Plural(empty.Length, "class", "classes")} {string.Join(", ", empty.Select(e => "'" + e + "'"))} {(empty.Length == 1 ? "has" : "have")} no usable record in the training split: all of {(empty.Length == 1 ? "its" : "their")} usable records were held out for validation or test ({counts})");
            }
        }

        if (report.BadFraction > MaxBadFraction)
        {
            throw new DataQualityException(DataQualityProblem.TooManyBadRecords, report, [], MaxBadFraction,
                string.Create(CultureInfo.InvariantCulture, $"{report.BadRecords} of {report.RecordsRead} records ({report.BadFraction:P1}) are bad, more than the {MaxBadFraction:P1} allowed ({Summary(report)})"));
        }
    }

    /// <summary>Bad records by kind in one phrase, e.g. <c>Malformed 3, Truncated 1</c>, or <c>no bad records</c>.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The phrase.</returns>
    public static string Summary(DataReadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.BadRecords == 0
            ? "no bad records"
            : string.Join(", ", report.BadRecordCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));
    }

    // Bad records and every kind of skipped record: a class can be emptied by duplicates alone.
    private static string ReadSummary(DataReadReport report)
    {
        var parts = new List<string>();
        if (report.BadRecords > 0 || report.RecordsRead == report.Accepted)
        {
            parts.Add(Summary(report));
        }

        foreach ((long count, string what) in new[]
        {
            (report.DuplicatesSkipped, "duplicates skipped"),
            (report.UnrecognizedSkipped, "unrecognized skipped"),
            (report.OverCapSkipped, "over the per-class cap skipped"),
        })
        {
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {what}"));
            }
        }

        return string.Join(", ", parts);
    }

    private static string Plural(int n, string one, string many) => n == 1 ? one : many;
}
