using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>A daily (or any dated) table: strictly increasing dates and named numeric columns of the same length.</summary>
public sealed class TimeSeriesTable
{
    private readonly DateOnly[] dates;
    private readonly Dictionary<string, double[]> columns;
    private readonly string[] names;

    /// <summary>Creates a table (arrays are not copied).</summary>
    /// <param name="dates">Strictly increasing dates.</param>
    /// <param name="columns">Column name to values, each as long as <paramref name="dates"/>.</param>
    public TimeSeriesTable(DateOnly[] dates, IReadOnlyList<KeyValuePair<string, double[]>> columns)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(columns);
        for (int i = 1; i < dates.Length; i++)
        {
            if (dates[i] <= dates[i - 1])
            {
                throw new ArgumentException($"dates must be strictly increasing ({dates[i - 1].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} then {dates[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})", nameof(dates));
            }
        }

        this.dates = dates;
        this.columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, double[]> c in columns)
        {
            if (c.Value.Length != dates.Length)
            {
                throw new ArgumentException($"column '{c.Key}' has {c.Value.Length} values for {dates.Length} dates", nameof(columns));
            }

            this.columns.Add(c.Key, c.Value);
        }

        names = columns.Select(c => c.Key).ToArray();
    }

    /// <summary>The dates, increasing.</summary>
    public IReadOnlyList<DateOnly> Dates => dates;

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> ColumnNames => names;

    /// <summary>The number of rows.</summary>
    public int RowCount => dates.Length;

    /// <summary>The values of a column.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The values (the table's own array: do not modify).</returns>
    public IReadOnlyList<double> Column(string name) =>
        columns.TryGetValue(name, out double[]? v) ? v : throw new ArgumentException($"no column '{name}' (columns: {string.Join(", ", names)})", nameof(name));

    /// <summary>The row index of a date, or -1.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The index or -1.</returns>
    public int IndexOf(DateOnly date)
    {
        int i = Array.BinarySearch(dates, date);
        return i >= 0 ? i : -1;
    }

    /// <summary>The rows whose dates fall in <paramref name="range"/> (inclusive).</summary>
    /// <param name="range">The dates to keep.</param>
    /// <returns>A new table (possibly empty).</returns>
    public TimeSeriesTable Slice(DateRange range)
    {
        int start = LowerBound(range.From);
        int end = LowerBound(range.To.AddDays(1));
        int count = Math.Max(0, end - start);
        return new TimeSeriesTable(
            dates.AsSpan(start, count).ToArray(),
            names.Select(n => new KeyValuePair<string, double[]>(n, columns[n].AsSpan(start, count).ToArray())).ToList());
    }

    /// <summary>
    /// The chosen columns as a row-major float matrix <c>[RowCount, columns.Count]</c>, each value divided by
    /// <paramref name="divisor"/> (e.g. 1e6 to express ridership in millions).
    /// </summary>
    /// <param name="columnNames">The columns, in feature order.</param>
    /// <param name="divisor">The divisor (default 1).</param>
    /// <returns>The matrix.</returns>
    public float[] ToMatrix(IReadOnlyList<string> columnNames, double divisor = 1)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        if (!(divisor != 0) || double.IsInfinity(divisor))
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), "the divisor must be finite and non-zero");
        }

        IReadOnlyList<double>[] cols = columnNames.Select(Column).ToArray();
        float[] m = new float[dates.Length * cols.Length];
        for (int r = 0; r < dates.Length; r++)
        {
            for (int c = 0; c < cols.Length; c++)
            {
                m[(r * cols.Length) + c] = (float)(cols[c][r] / divisor);
            }
        }

        return m;
    }

    private int LowerBound(DateOnly date)
    {
        int i = Array.BinarySearch(dates, date);
        return i >= 0 ? i : ~i;
    }
}
