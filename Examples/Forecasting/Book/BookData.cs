using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.TimeSeries;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>
/// The CTA series prepared as chapter 15's notebook prepares it: sorted by date, exact duplicates dropped, bus and
/// rail divided by 10⁶, the next day's type one-hot encoded, and the splits windowed on their own.
/// </summary>
internal sealed class BookData
{
    private readonly TimeSeriesTable table;

    private BookData(CtaRidership source, TimeSeriesTable table)
    {
        Source = source;
        this.table = table;
    }

    /// <summary>The cleaned file.</summary>
    public CtaRidership Source { get; }

    /// <summary>Dates, bus, rail and total over the whole file.</summary>
    public TimeSeriesTable Table => table;

    /// <summary>Input feature names, in column order.</summary>
    public static IReadOnlyList<string> FeatureNames(BookInputs inputs) =>
        inputs == BookInputs.Rail ? ["rail"] : ["bus", "rail", "next_day_type_A", "next_day_type_U", "next_day_type_W"];

    /// <summary>Loads the CSV strictly (a bad row would leave a gap in the series) and checks that it covers the protocol.</summary>
    /// <param name="csv">The CTA ridership file.</param>
    /// <returns>The data.</returns>
    /// <exception cref="UserError">The file cannot be read, is malformed, or misses a day the protocol needs.</exception>
    public static BookData Load(string csv)
    {
        CtaRidership source;
        try
        {
            source = CtaRidership.Load(csv, BadRecordPolicy.Throw);
        }
        catch (DataFormatException ex)
        {
            throw new UserError($"Cannot use the ridership file: {ex.Message}. Fix or re-download the file.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"Cannot read '{csv}': {ex.Message}");
        }

        TimeSeriesTable table = source.ToTable();

        // Training windows start on the first training day; the last validation row needs the type of the day after it.
        DateOnly from = BookProtocol.TrainRange.From;
        DateOnly to = BookProtocol.ValidationRange.To.AddDays(1);
        int first = table.IndexOf(from);
        int last = table.IndexOf(to);
        if (first < 0 || last < 0)
        {
            string have = table.RowCount == 0 ? "no rows" : $"{Format(table.Dates[0])}..{Format(table.Dates[^1])}";
            throw new UserError($"'{csv}' covers {have}; the chapter's protocol needs every day from {Format(from)} to {Format(to)}. Use the full CTA daily boarding totals file.");
        }

        for (int i = first + 1; i <= last; i++)
        {
            if (table.Dates[i] != table.Dates[i - 1].AddDays(1))
            {
                throw new UserError($"'{csv}' has no row for {Format(table.Dates[i - 1].AddDays(1))}; the chapter's protocol needs one row per day from {Format(from)} to {Format(to)}.");
            }
        }

        return new BookData(source, table);
    }

    /// <summary>
    /// The rows of <paramref name="range"/> as the model sees them, row-major <c>[days, features]</c>: values in
    /// millions and, for the multivariate inputs, the next day's type one-hot (<c>df["day_type"].shift(-1)</c>).
    /// </summary>
    public float[] Features(BookInputs inputs, DateRange range)
    {
        int a = table.IndexOf(range.From);
        int b = table.IndexOf(range.To);
        int f = FeatureNames(inputs).Count;
        IReadOnlyList<double> bus = table.Column("bus");
        IReadOnlyList<double> rail = table.Column("rail");
        var m = new float[(b - a + 1) * f];
        for (int i = a; i <= b; i++)
        {
            int row = (i - a) * f;
            if (inputs == BookInputs.Rail)
            {
                m[row] = (float)(rail[i] / BookProtocol.Scale);
                continue;
            }

            m[row] = (float)(bus[i] / BookProtocol.Scale);
            m[row + 1] = (float)(rail[i] / BookProtocol.Scale);

            // After the file's last day the type is unknown: pandas leaves NaN there, which get_dummies encodes as all zeros.
            char? next = i + 1 < Source.Records.Count ? Source.Records[i + 1].DayType : null;
            m[row + 2] = next == 'A' ? 1f : 0f;
            m[row + 3] = next == 'U' ? 1f : 0f;
            m[row + 4] = next == 'W' ? 1f : 0f;
        }

        return m;
    }

    /// <summary>The windows of one split for one task.</summary>
    /// <param name="inputs">The input features.</param>
    /// <param name="task">The targets.</param>
    /// <param name="range">The split.</param>
    /// <returns>The windows; every input and target day lies inside <paramref name="range"/>.</returns>
    public BookWindows Windows(BookInputs inputs, BookTask task, DateRange range)
    {
        if (task != BookTask.NextDay && inputs == BookInputs.Rail)
        {
            throw new ArgumentException($"the {task} task needs the multivariate inputs (bus and rail)", nameof(inputs));
        }

        float[] series = Features(inputs, range);
        int features = FeatureNames(inputs).Count;
        int rail = inputs == BookInputs.Rail ? 0 : 1;
        int w = BookProtocol.Window;
        int k = task is BookTask.Next14Days or BookTask.Next14DaysAtEveryStep ? BookProtocol.LongHorizon : 1;
        WindowLayout layout = task == BookTask.Next14DaysAtEveryStep ? WindowLayout.SequenceToSequence : WindowLayout.SequenceToVector;
        WindowedSeries windows = SeriesWindowing.Create(series, features, w, k, rail, layout);
        int n = windows.Count;
        if (n == 0)
        {
            throw new ArgumentException($"{range} is too short for {w}-day windows and a {k}-day horizon", nameof(range));
        }

        float[] targets = windows.Targets;
        long[] shape = task == BookTask.Next14DaysAtEveryStep ? [n, w, k] : [n, k];
        if (task == BookTask.NextDayBusAndRail)
        {
            // Keras' targets=mulvar_train[["bus", "rail"]][seq_length:]: two columns, bus first.
            WindowedSeries bus = SeriesWindowing.Create(series, features, w, 1, 0, layout);
            targets = new float[n * 2];
            for (int i = 0; i < n; i++)
            {
                targets[2 * i] = bus.Targets[i];
                targets[(2 * i) + 1] = windows.Targets[i];
            }

            shape = [n, 2];
        }

        DateOnly firstTarget = range.From.AddDays(w);
        DateOnly[] dates = Enumerable.Range(0, k).Select(h => firstTarget.AddDays(h)).ToArray();
        if (task == BookTask.Next14DaysAtEveryStep)
        {
            // Step t of window 0 forecasts days t+1 .. t+14; its last step forecasts the same days as a seq2vec window.
            dates = Enumerable.Range(0, k).Select(h => range.From.AddDays(w + h)).ToArray();
        }

        DateOnly lastTarget = range.From.AddDays(n - 1 + w + k - 1);
        return new BookWindows(task, windows.Inputs, targets, n, features, shape, dates, lastTarget);
    }

    /// <summary>The naive forecast (the value 7 days earlier) scored over <paramref name="range"/>: MAE in riders.</summary>
    public double NaiveMae(string column, DateRange range) => ForecastBaselines.NaiveLagMae(table, column, 7, range);

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
