using System;

namespace QuickDrawDsl.Examples.Forecasting.Pipeline;

/// <summary>Forecasts that need no training, laid out like a model's (<c>[N, 7]</c>, riders) so both are scored on the same days.</summary>
internal static class SeasonalBaselines
{
    /// <summary>Naive seasonal: every day is forecast as the value 7 days earlier (known at the origin for h ≤ 7).</summary>
    /// <param name="windows">The evaluation windows.</param>
    /// <returns>The forecasts.</returns>
    public static double[,] NaiveSeasonal(EvaluationWindows windows) => MeanOfSameWeekdays(windows, weeks: 1);

    /// <summary>The mean of the same weekday in the last <paramref name="weeks"/> weeks: days d-7, d-14, …</summary>
    /// <param name="windows">The evaluation windows.</param>
    /// <param name="weeks">How many past weeks to average (4 for the reference baseline).</param>
    /// <returns>The forecasts.</returns>
    public static double[,] MeanOfSameWeekdays(EvaluationWindows windows, int weeks)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        int k = ForecastData.Horizon;
        var forecasts = new double[windows.Count, k];
        for (int n = 0; n < windows.Count; n++)
        {
            for (int h = 1; h <= k; h++)
            {
                int day = windows.Origins[n] + h;
                double sum = 0;
                for (int w = 1; w <= weeks; w++)
                {
                    sum += windows.Actual[day - (7 * w)];
                }

                forecasts[n, h - 1] = sum / weeks;
            }
        }

        return forecasts;
    }
}
