using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Metrics;
using ScottPlot;

namespace QuickDrawDsl.Runtime.Plotting;

/// <summary>Renders training curves and confusion matrices to PNG with ScottPlot.</summary>
public static class TrainingPlots
{
    /// <summary>Plots train vs validation curves per epoch: <c>loss.png</c> and, when recorded, <c>accuracy.png</c> or <c>mae.png</c>.</summary>
    /// <param name="history">Epoch results.</param>
    /// <param name="directory">Destination folder (created).</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <returns>Paths of the files written.</returns>
    public static IReadOnlyList<string> SaveCurves(IReadOnlyList<EpochResult> history, string directory, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        (string File, string Title, string Train, string Validation)[] charts =
        [
            ("loss.png", "Loss", MetricNames.TrainLoss, MetricNames.ValidationLoss),
            ("accuracy.png", "Top-1 accuracy", MetricNames.TrainAccuracy, MetricNames.ValidationAccuracy),
            ("mae.png", "Mean absolute error", MetricNames.TrainMae, MetricNames.ValidationMae),
        ];
        foreach (var chart in charts)
        {
            if (!history.Any(r => r.Metrics.ContainsKey(chart.Train) || r.Metrics.ContainsKey(chart.Validation)))
            {
                continue;
            }

            var plot = new Plot();
            AddSeries(plot, history, chart.Train, "train");
            AddSeries(plot, history, chart.Validation, "validation");
            plot.Title(chart.Title);
            plot.XLabel("epoch");
            plot.YLabel(chart.Title);
            plot.ShowLegend();
            int interval = Math.Max(1, (int)Math.Ceiling(history.Count / 10.0));
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(interval);
            string path = Path.Combine(directory, chart.File);
            plot.SavePng(path, width, height);
            files.Add(path);
        }

        return files;
    }

    /// <summary>Renders a confusion matrix as an annotated heatmap (rows: actual, columns: predicted).</summary>
    /// <param name="matrix">The counts.</param>
    /// <param name="path">Destination PNG.</param>
    /// <param name="classNames">Labels of the classes (null: indices).</param>
    /// <param name="size">Image side in pixels.</param>
    public static void SaveConfusionMatrix(ConfusionMatrix matrix, string path, IReadOnlyList<string>? classNames = null, int size = 700)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentException.ThrowIfNullOrEmpty(path);
        int n = matrix.ClassCount;
        var values = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            for (int p = 0; p < n; p++)
            {
                values[a, p] = matrix[a, p];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        if (n <= 30)
        {
            for (int a = 0; a < n; a++)
            {
                for (int p = 0; p < n; p++)
                {
                    var text = plot.Add.Text(matrix[a, p].ToString(CultureInfo.InvariantCulture), p, n - 1 - a);
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontColor = Colors.White;
                    text.LabelBackgroundColor = Colors.Black.WithAlpha(0.4);
                }
            }
        }

        string Name(int i) => classNames is not null && i < classNames.Count ? classNames[i] : i.ToString(CultureInfo.InvariantCulture);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)i).ToArray(), Enumerable.Range(0, n).Select(Name).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), Enumerable.Range(0, n).Select(Name).ToArray());
        plot.Title($"Confusion matrix (accuracy {matrix.Accuracy.ToString("0.000", CultureInfo.InvariantCulture)})");
        plot.XLabel("predicted");
        plot.YLabel("actual");
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(dir!);
        plot.SavePng(path, size, size);
    }

    private static void AddSeries(Plot plot, IReadOnlyList<EpochResult> history, string key, string label)
    {
        EpochResult[] points = history.Where(r => r.Metrics.ContainsKey(key) && double.IsFinite(r.Metrics[key])).ToArray();
        if (points.Length == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(points.Select(r => (double)(r.Epoch + 1)).ToArray(), points.Select(r => r.Metrics[key]).ToArray());
        scatter.LegendText = label;
    }
}
