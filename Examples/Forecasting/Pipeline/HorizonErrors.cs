using System;
using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Examples.Forecasting.Pipeline;

/// <summary>Mean absolute error, in riders, of the h-day-ahead forecasts for h = 1..7, and their mean.</summary>
/// <param name="PerHorizon">MAE of the 1- .. 7-day-ahead forecasts.</param>
/// <param name="Counts">Days scored at each horizon (every day of the range).</param>
internal sealed record HorizonErrors(IReadOnlyList<double> PerHorizon, IReadOnlyList<int> Counts)
{
    /// <summary>The mean over the horizons (every horizon scores the same days, so this is also the MAE of all forecasts).</summary>
    public double Mean => PerHorizon.Average();

    /// <summary>Scores forecasts <c>[N, 7]</c> in riders against the actual series on the scored days of <paramref name="windows"/>.</summary>
    /// <param name="windows">The evaluation windows.</param>
    /// <param name="forecasts">Row n holds window n's 1- to 7-day-ahead forecasts.</param>
    /// <returns>The errors.</returns>
    public static HorizonErrors Score(EvaluationWindows windows, double[,] forecasts)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(forecasts);
        int k = ForecastData.Horizon;
        if (forecasts.GetLength(0) != windows.Count || forecasts.GetLength(1) != k)
        {
            throw new ArgumentException($"forecasts are [{forecasts.GetLength(0)}, {forecasts.GetLength(1)}]; expected [{windows.Count}, {k}]", nameof(forecasts));
        }

        var sums = new double[k];
        var counts = new int[k];
        for (int n = 0; n < windows.Count; n++)
        {
            for (int h = 1; h <= k; h++)
            {
                if (windows.IsScored(n, h))
                {
                    sums[h - 1] += Math.Abs(forecasts[n, h - 1] - windows.ActualAt(n, h));
                    counts[h - 1]++;
                }
            }
        }

        return new HorizonErrors(sums.Select((s, i) => s / Math.Max(1, counts[i])).ToArray(), counts);
    }
}
