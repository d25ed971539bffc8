using System;

namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>Train, validation and test parts of a series, cut by date range.</summary>
public sealed class TimeSeriesSplit
{
    private TimeSeriesSplit(TimeSeriesTable train, TimeSeriesTable validation, TimeSeriesTable test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>The training rows.</summary>
    public TimeSeriesTable Train { get; }

    /// <summary>The validation rows.</summary>
    public TimeSeriesTable Validation { get; }

    /// <summary>The test rows.</summary>
    public TimeSeriesTable Test { get; }

    /// <summary>Cuts <paramref name="table"/> into three date ranges, which must not overlap and must be in order.</summary>
    /// <param name="table">The series.</param>
    /// <param name="train">The training dates, e.g. 2016-01-01..2018-12-31.</param>
    /// <param name="validation">The validation dates, e.g. 2019-01-01..2019-05-31.</param>
    /// <param name="test">The test dates, e.g. 2019-06-01..2021-11-30.</param>
    /// <returns>The split.</returns>
    public static TimeSeriesSplit ByDate(TimeSeriesTable table, DateRange train, DateRange validation, DateRange test)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (train.To >= validation.From || validation.To >= test.From)
        {
            throw new ArgumentException($"ranges must be in order and disjoint: train {train}, validation {validation}, test {test}", nameof(validation));
        }

        return new TimeSeriesSplit(table.Slice(train), table.Slice(validation), table.Slice(test));
    }
}
