using System;
using System.Globalization;

namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>An inclusive range of dates.</summary>
/// <param name="From">The first date.</param>
/// <param name="To">The last date (inclusive).</param>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    /// <summary>Whether <paramref name="date"/> is in the range.</summary>
    /// <param name="date">The date.</param>
    /// <returns>True when <c>From &lt;= date &lt;= To</c>.</returns>
    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>Parses two ISO dates (<c>yyyy-MM-dd</c>).</summary>
    /// <param name="from">The first date.</param>
    /// <param name="to">The last date (inclusive).</param>
    /// <returns>The range.</returns>
    public static DateRange Parse(string from, string to) =>
        new(DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Formats the range as <c>yyyy-MM-dd..yyyy-MM-dd</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".." + To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
