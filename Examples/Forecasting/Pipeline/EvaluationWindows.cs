using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.TimeSeries;

namespace QuickDrawDsl.Examples.Forecasting.Pipeline;

/// <summary>
/// The windows that forecast the days of one date range. Window n ends on day <c>Origins[n]</c> and forecasts days
/// <c>Origins[n] + 1 .. Origins[n] + 7</c>; its h-day-ahead forecast is scored only when that day falls in
/// <see cref="Range"/>, so every horizon is scored on exactly the days of the range. Inputs may reach back before
/// the range (into the training period for validation).
/// </summary>
/// <param name="Range">The scored dates.</param>
/// <param name="Windows">The inputs <c>[N, W, F]</c> (scaled) and seq2vec targets <c>[N, 7]</c> (scaled).</param>
/// <param name="Origins">The series index of each window's last input day.</param>
/// <param name="Dates">The dates of the whole series.</param>
/// <param name="Actual">The target of the whole series, in riders.</param>
internal sealed record EvaluationWindows(DateRange Range, WindowedSeries Windows, IReadOnlyList<int> Origins, IReadOnlyList<DateOnly> Dates, IReadOnlyList<double> Actual)
{
    /// <summary>The number of windows.</summary>
    public int Count => Origins.Count;

    /// <summary>Whether the h-day-ahead forecast (h = 1..7) of window n is scored.</summary>
    public bool IsScored(int window, int horizon) => Range.Contains(Dates[Origins[window] + horizon]);

    /// <summary>The actual value h days after window n's last input day, in riders.</summary>
    public double ActualAt(int window, int horizon) => Actual[Origins[window] + horizon];
}
