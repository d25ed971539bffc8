using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Examples.Forecasting.Training;
using ScottPlot;

namespace QuickDrawDsl.Examples.Forecasting.Reporting;

/// <summary>PNG plots of a run (ScottPlot).</summary>
internal static class ForecastPlots
{
    /// <summary>
    /// The actual series over one range against the naive seasonal forecast and one model's 1-day-ahead and
    /// 7-day-ahead forecasts, each drawn at the day it forecasts.
    /// </summary>
    public static void SaveForecast(string path, string title, EvaluationWindows windows, ModelResult model, double[,] modelForecasts, double[,] naiveForecasts)
    {
        var plot = new Plot();
        (double[] x, double[] y) = Actual(windows);
        AddLine(plot, x, y, "actual", Colors.Black, 2, LinePattern.Solid);
        (x, y) = AtHorizon(windows, naiveForecasts, 1);
        AddLine(plot, x, y, "naive seasonal (value 7 days earlier)", Colors.Gray, 1.5f, LinePattern.Dashed);
        (x, y) = AtHorizon(windows, modelForecasts, 1);
        AddLine(plot, x, y, model.Spec.Label + ", 1 day ahead", Colors.RoyalBlue, 1.5f, LinePattern.Solid);
        (x, y) = AtHorizon(windows, modelForecasts, ForecastData.Horizon);
        AddLine(plot, x, y, model.Spec.Label + ", 7 days ahead", Colors.DarkOrange, 1.5f, LinePattern.Solid);
        var dates = plot.Axes.DateTimeTicksBottom();
        if (dates.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            ticks.LabelFormatter = d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        plot.Title(title);
        plot.YLabel("riders per day");
        plot.Axes.SetLimitsY(0, y.Concat(Actual(windows).Y).Max() * 1.05);
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 1600, 700);
    }

    /// <summary>Validation MAE (riders) per epoch for every model, with the naive seasonal MAE as a line.</summary>
    public static void SaveValidationCurves(string path, IReadOnlyList<ModelResult> models, double naiveMae)
    {
        var plot = new Plot();
        foreach (ModelResult m in models)
        {
            var line = plot.Add.Scatter(m.History.Select(r => (double)r.Epoch).ToArray(), m.History.Select(r => r.ValidationMae).ToArray());
            line.LegendText = m.Spec.Label;
            line.MarkerSize = 0;
        }

        var naive = plot.Add.HorizontalLine(naiveMae);
        naive.LegendText = "naive seasonal";
        naive.Color = Colors.Gray;
        naive.LinePattern = LinePattern.Dashed;
        double top = Math.Max(naiveMae * 2, 1);
        plot.Axes.SetLimitsY(0, top);
        plot.Title("Validation MAE per epoch (riders, mean of 7 horizons)");
        plot.XLabel("epoch");
        plot.YLabel("MAE (riders)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 550);
    }

    private static void AddLine(Plot plot, double[] x, double[] y, string label, Color color, float width, LinePattern pattern)
    {
        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.MarkerSize = 0;
    }

    private static (double[] X, double[] Y) Actual(EvaluationWindows windows)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < windows.Dates.Count; i++)
        {
            if (windows.Range.Contains(windows.Dates[i]))
            {
                x.Add(windows.Dates[i].ToDateTime(TimeOnly.MinValue).ToOADate());
                y.Add(windows.Actual[i]);
            }
        }

        return (x.ToArray(), y.ToArray());
    }

    // The h-day-ahead forecasts placed at the days they forecast: one per day of the range.
    private static (double[] X, double[] Y) AtHorizon(EvaluationWindows windows, double[,] forecasts, int horizon)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (int n = 0; n < windows.Count; n++)
        {
            if (windows.IsScored(n, horizon))
            {
                x.Add(windows.Dates[windows.Origins[n] + horizon].ToDateTime(TimeOnly.MinValue).ToOADate());
                y.Add(forecasts[n, horizon - 1]);
            }
        }

        return (x.ToArray(), y.ToArray());
    }
}
