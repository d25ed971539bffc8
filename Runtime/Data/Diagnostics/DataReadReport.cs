using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>
/// What a reader accepted, filtered and rejected: counts per reason and the first few bad records with their
/// positions. Nothing a reader drops goes uncounted here.
/// </summary>
public sealed class DataReadReport
{
    private readonly Dictionary<BadRecordKind, int> badCounts = [];
    private readonly List<BadRecord> examples = [];
    private readonly Action<BadRecord>? observer;

    /// <summary>Creates an empty report.</summary>
    /// <param name="maxExamples">How many bad records to keep as examples (the counts are always complete).</param>
    /// <param name="observer">
    /// Called with every bad record as it is met, so that a full report can be streamed to a file while memory stays
    /// bounded by <paramref name="maxExamples"/>; null for none.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExamples"/> is negative.</exception>
    public DataReadReport(int maxExamples = 10, Action<BadRecord>? observer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxExamples);
        MaxExamples = maxExamples;
        this.observer = observer;
    }

    /// <summary>How many bad records are kept as examples.</summary>
    public int MaxExamples { get; }

    /// <summary>Records returned to the caller.</summary>
    public long Accepted { get; private set; }

    /// <summary>Well-formed records skipped because their key was already seen.</summary>
    public long DuplicatesSkipped { get; private set; }

    /// <summary>Well-formed records skipped because they were not recognized and only recognized ones were asked for.</summary>
    public long UnrecognizedSkipped { get; private set; }

    /// <summary>Well-formed records skipped because their class had reached the cap (records never read after an early stop are not counted).</summary>
    public long OverCapSkipped { get; private set; }

    /// <summary>Empty or whitespace-only lines of text formats: not records, skipped, but counted.</summary>
    public long BlankLinesSkipped { get; private set; }

    /// <summary>Total bad records, all kinds together.</summary>
    public long BadRecords => badCounts.Values.Sum(v => (long)v);

    /// <summary>Every record the readers met, good or bad (blank lines are not records): the denominator of <see cref="BadFraction"/>.</summary>
    public long RecordsRead => Accepted + BadRecords + DuplicatesSkipped + UnrecognizedSkipped + OverCapSkipped;

    /// <summary>The share of <see cref="RecordsRead"/> that was bad (0 when nothing was read).</summary>
    public double BadFraction => RecordsRead == 0 ? 0 : (double)BadRecords / RecordsRead;

    /// <summary>Bad records per kind.</summary>
    public IReadOnlyDictionary<BadRecordKind, int> BadRecordCounts => badCounts;

    /// <summary>The first <see cref="MaxExamples"/> bad records, in the order they were met.</summary>
    public IReadOnlyList<BadRecord> Examples => examples;

    /// <summary>A multi-line summary: counts, then one line per example.</summary>
    /// <returns>The summary text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"accepted {Accepted}, bad {BadRecords}, duplicates {DuplicatesSkipped}, unrecognized {UnrecognizedSkipped}, over cap {OverCapSkipped}, blank lines {BlankLinesSkipped}");
        foreach (KeyValuePair<BadRecordKind, int> pair in badCounts.OrderBy(p => p.Key))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n  {pair.Key}: {pair.Value}");
        }

        foreach (BadRecord example in examples)
        {
            sb.Append("\n  e.g. ").Append(example.ToString());
        }

        return sb.ToString();
    }

    /// <summary>Adds the counts and, up to <see cref="MaxExamples"/>, the examples of another report (its records were already given to its own observer).</summary>
    /// <param name="other">The report to add.</param>
    public void Add(DataReadReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Accepted += other.Accepted;
        DuplicatesSkipped += other.DuplicatesSkipped;
        UnrecognizedSkipped += other.UnrecognizedSkipped;
        OverCapSkipped += other.OverCapSkipped;
        BlankLinesSkipped += other.BlankLinesSkipped;
        foreach ((BadRecordKind kind, int count) in other.badCounts)
        {
            badCounts[kind] = badCounts.GetValueOrDefault(kind) + count;
        }

        foreach (BadRecord example in other.examples)
        {
            if (examples.Count >= MaxExamples)
            {
                break;
            }

            examples.Add(example);
        }
    }

    internal void CountAccepted() => Accepted++;

    /// <summary>Adds the counts of records read earlier and not read again (a prepared cache's reused source).</summary>
    internal void AddCounts(long accepted, long duplicates, long overCap, long blankLines)
    {
        Accepted += accepted;
        DuplicatesSkipped += duplicates;
        OverCapSkipped += overCap;
        BlankLinesSkipped += blankLines;
    }

    internal void CountDuplicate() => DuplicatesSkipped++;

    internal void CountUnrecognized() => UnrecognizedSkipped++;

    internal void CountOverCap() => OverCapSkipped++;

    internal void CountBlankLine() => BlankLinesSkipped++;

    /// <summary>Counts <paramref name="record"/> (reported to the observer too), or throws it when <paramref name="policy"/> is <see cref="BadRecordPolicy.Throw"/>.</summary>
    internal void Reject(BadRecord record, BadRecordPolicy policy, Exception? cause = null)
    {
        if (policy == BadRecordPolicy.Throw)
        {
            throw new DataFormatException(record, cause);
        }

        badCounts[record.Kind] = badCounts.GetValueOrDefault(record.Kind) + 1;
        if (examples.Count < MaxExamples)
        {
            examples.Add(record);
        }

        observer?.Invoke(record);
    }
}
