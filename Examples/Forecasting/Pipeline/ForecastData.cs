using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.TimeSeries;

namespace QuickDrawDsl.Examples.Forecasting.Pipeline;

/// <summary>
/// The CTA series prepared for 7-day forecasting: sorted, deduplicated, scaled to millions of riders, with the fixed
/// date split (train 2016-01-01..2018-12-31, validation 2019-01-01..2019-05-31, test 2019-06-01..2019-12-31, before
/// the COVID break of March 2020) and the windows cut from it.
/// </summary>
internal sealed class ForecastData
{
    /// <summary>Days forecast from each window.</summary>
    public const int Horizon = 7;

    /// <summary>Ridership is divided by this for training (values near 0.2..1.0); forecasts are multiplied back.</summary>
    public const double Scale = 1e6;

    /// <summary>The day-type flags of input day t describe day t + 7 (multivariate inputs).</summary>
    public const int DayTypeLead = 7;

    private readonly float[] matrix;

    private ForecastData(CtaRidership source, TimeSeriesTable table, ForecastTarget target, bool multivariate, int window, float[] matrix, IReadOnlyList<string> featureNames)
    {
        Source = source;
        Table = table;
        Target = target;
        Multivariate = multivariate;
        Window = window;
        this.matrix = matrix;
        FeatureNames = featureNames;
        Actual = table.Column(TargetColumn);
    }

    /// <summary>Training dates.</summary>
    public static DateRange TrainRange { get; } = DateRange.Parse("2016-01-01", "2018-12-31");

    /// <summary>Validation dates (model selection).</summary>
    public static DateRange ValidationRange { get; } = DateRange.Parse("2019-01-01", "2019-05-31");

    /// <summary>Test dates (reported once, for the selected models).</summary>
    public static DateRange TestRange { get; } = DateRange.Parse("2019-06-01", "2019-12-31");

    /// <summary>The cleaned file (records, duplicates dropped).</summary>
    public CtaRidership Source { get; }

    /// <summary>The whole series: columns bus, rail, total.</summary>
    public TimeSeriesTable Table { get; }

    /// <summary>The forecast series.</summary>
    public ForecastTarget Target { get; }

    /// <summary>Whether the inputs hold both modes and the day-type flags.</summary>
    public bool Multivariate { get; }

    /// <summary>Input window length in days.</summary>
    public int Window { get; }

    /// <summary>The input features in order; the target is feature 0.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Input features per day.</summary>
    public int Features => FeatureNames.Count;

    /// <summary>The table column forecast.</summary>
    public string TargetColumn => Target == ForecastTarget.Rail ? "rail" : "bus";

    /// <summary>The target over the whole series, in riders.</summary>
    public IReadOnlyList<double> Actual { get; }

    /// <summary>Loads the CSV (strictly: a bad row is an error, since it would leave a gap in the series) and builds the features.</summary>
    /// <param name="csv">The CTA ridership file.</param>
    /// <param name="target">The series forecast.</param>
    /// <param name="multivariate">Inputs: bus, rail and day-type flags instead of the target alone.</param>
    /// <param name="window">Input window length in days.</param>
    /// <returns>The prepared data.</returns>
    /// <exception cref="UserError">The file cannot be read, is malformed, or does not cover the split.</exception>
    public static ForecastData Load(string csv, ForecastTarget target, bool multivariate, int window)
    {
        if (window < 1)
        {
            throw new UserError($"--window must be at least 1 (got {window}).");
        }

        CtaRidership source = LoadSource(csv);
        TimeSeriesTable table = source.ToTable();
        CheckCoverage(csv, table, window);
        string targetColumn = target == ForecastTarget.Rail ? "rail" : "bus";
        string otherColumn = target == ForecastTarget.Rail ? "bus" : "rail";
        string[] names = multivariate ? [targetColumn, otherColumn, "saturday_in_7_days", "sunday_or_holiday_in_7_days"] : [targetColumn];
        int t = table.RowCount;
        var m = new float[t * names.Length];
        IReadOnlyList<double> y = table.Column(targetColumn);
        IReadOnlyList<double> other = table.Column(otherColumn);
        for (int i = 0; i < t; i++)
        {
            int row = i * names.Length;
            m[row] = (float)(y[i] / Scale);
            if (multivariate)
            {
                m[row + 1] = (float)(other[i] / Scale);

                // Day types are calendar facts (weekends, announced holidays), known in advance. The type of the day a
                // week ahead puts, over the last 7 input days, the types of all 7 forecast days into the window.
                char ahead = DayTypeOf(source.Records, i + DayTypeLead);
                m[row + 2] = ahead == 'A' ? 1f : 0f;
                m[row + 3] = ahead == 'U' ? 1f : 0f;
            }
        }

        return new ForecastData(source, table, target, multivariate, window, m, names);
    }

    /// <summary>Reads the CTA file strictly: a bad row is an error, since it would leave a gap in the series.</summary>
    /// <param name="csv">The CTA ridership file.</param>
    /// <returns>The records, sorted and with exact duplicates dropped.</returns>
    /// <exception cref="UserError">The file cannot be read or is malformed.</exception>
    public static CtaRidership LoadSource(string csv)
    {
        try
        {
            return CtaRidership.Load(csv, BadRecordPolicy.Throw);
        }
        catch (DataFormatException ex)
        {
            throw new UserError($"Cannot use the ridership file: {ex.Message}. Fix or re-download the file.");
        }
        catch (IOException ex)
        {
            throw new UserError($"Cannot read '{csv}': {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UserError($"Cannot read '{csv}': {ex.Message}");
        }
    }

    /// <summary>The windows that lie inside the training range (inputs and targets), every day a start.</summary>
    /// <param name="layout">Seq2vec targets <c>[N, 7]</c> or aligned seq2seq targets <c>[N, W, 7]</c>.</param>
    /// <returns>The windows.</returns>
    public WindowedSeries TrainingWindows(WindowLayout layout)
    {
        int from = Table.IndexOf(TrainRange.From);
        int to = Table.IndexOf(TrainRange.To);
        return SeriesWindowing.Create(Rows(from, to), Features, Window, Horizon, 0, layout);
    }

    /// <summary>The windows that forecast every day of <paramref name="range"/> at every horizon (see <see cref="EvaluationWindows"/>).</summary>
    /// <param name="range">The scored dates.</param>
    /// <returns>The windows and their origins.</returns>
    public EvaluationWindows EvaluationWindowsFor(DateRange range)
    {
        int a = Table.IndexOf(range.From);
        int b = Table.IndexOf(range.To);

        // Origins a-7 .. b-1: the first one's 7-day-ahead forecast is day a, the last one's 1-day-ahead is day b.
        int first = a - Horizon - Window + 1;
        int last = b - 1 + Horizon;
        WindowedSeries windows = SeriesWindowing.Create(Rows(first, last), Features, Window, Horizon, 0, WindowLayout.SequenceToVector);
        int[] origins = windows.StartIndices.Select(s => first + s + Window - 1).ToArray();
        return new EvaluationWindows(range, windows, origins, Table.Dates, Actual);
    }

    private static void CheckCoverage(string csv, TimeSeriesTable table, int window)
    {
        int trainDays = TrainRange.To.DayNumber - TrainRange.From.DayNumber + 1;
        if (window + Horizon > trainDays)
        {
            throw new UserError($"--window {window} leaves no training window: the training range {TrainRange} has {trainDays} days, so the window can be at most {trainDays - Horizon}.");
        }

        // Training windows start on the first training day; validation windows (and the 4-week baseline) may reach
        // back further; the last test window forecasts up to 6 days past the test range.
        DateOnly from = new[] { TrainRange.From, ValidationRange.From.AddDays(1 - Horizon - window), ValidationRange.From.AddDays(-28) }.Min();
        DateOnly to = TestRange.To.AddDays(Horizon - 1);
        int first = table.IndexOf(from);
        int last = table.IndexOf(to);
        if (first < 0 || last < 0)
        {
            string have = table.RowCount == 0 ? "no rows" : $"{Format(table.Dates[0])}..{Format(table.Dates[^1])}";
            throw new UserError($"'{csv}' covers {have}; the split needs every day from {Format(from)} to {Format(to)}. Use the full CTA daily boarding totals file.");
        }

        for (int i = first + 1; i <= last; i++)
        {
            if (table.Dates[i] != table.Dates[i - 1].AddDays(1))
            {
                throw new UserError($"'{csv}' has no row for {Format(table.Dates[i - 1].AddDays(1))}; the series must have one row per day from {Format(from)} to {Format(to)}.");
            }
        }
    }

    /// <summary>The CTA day type of day <paramref name="index"/>; past the end of the file, from the weekday alone.</summary>
    internal static char DayTypeOf(IReadOnlyList<RidershipRecord> records, int index)
    {
        if (index < records.Count)
        {
            return records[index].DayType;
        }

        DayOfWeek day = records[^1].Date.AddDays(index - records.Count + 1).DayOfWeek;
        return day == DayOfWeek.Saturday ? 'A' : day == DayOfWeek.Sunday ? 'U' : 'W';
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private float[] Rows(int from, int to) => matrix.AsSpan(from * Features, (to - from + 1) * Features).ToArray();
}
