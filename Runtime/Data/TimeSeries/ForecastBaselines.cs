using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>Reference forecasts to compare models against.</summary>
public static class ForecastBaselines
{
    /// <summary>
    /// The mean absolute error of the naive seasonal forecast <c>y[t] ≈ y[t - lag]</c> over the rows whose dates fall
    /// in <paramref name="range"/>; the lagged values may come from before the range (as pandas' <c>diff(lag)</c> then slice).
    /// </summary>
    /// <param name="table">The series, one row per day with no gaps.</param>
    /// <param name="column">The column.</param>
    /// <param name="lag">The lag in rows (7 for a weekly cycle).</param>
    /// <param name="range">The evaluated dates.</param>
    /// <returns>The MAE.</returns>
    public static double NaiveLagMae(TimeSeriesTable table, string column, int lag, DateRange range)
    {
        ArgumentNullException.ThrowIfNull(table);
        IReadOnlyList<double> values = table.Column(column);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < table.RowCount; i++)
        {
            if (!range.Contains(table.Dates[i]))
            {
                continue;
            }

            if (i < lag)
            {
                throw new ArgumentException($"the range {range} starts less than {lag} rows into the series", nameof(range));
            }

            sum += Math.Abs(values[i] - values[i - lag]);
            n++;
        }

        return n > 0 ? sum / n : throw new ArgumentException($"no row falls in {range}", nameof(range));
    }
}
