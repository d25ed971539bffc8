using System;
using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>
/// Cuts a series into supervised windows. Window n starts at series index <c>s = n * stride</c> and its inputs are
/// steps <c>s .. s+W-1</c>. Sequence-to-vector targets are the target feature at <c>s+W .. s+W+k-1</c>;
/// sequence-to-sequence targets at input step t are the target feature at <c>s+t+1 .. s+t+k</c>. Both layouts need
/// <c>s + W + k - 1</c> inside the series, so <c>N = (T - W - k) / stride + 1</c> (0 when the series is too short).
/// </summary>
public static class SeriesWindowing
{
    /// <summary>Windows a row-major series <c>[T, F]</c>.</summary>
    /// <param name="series">The values, <c>T * features</c> long.</param>
    /// <param name="features">F.</param>
    /// <param name="window">W, at least 1.</param>
    /// <param name="horizon">k, at least 1.</param>
    /// <param name="targetFeature">The feature predicted (0-based).</param>
    /// <param name="layout">Sequence-to-vector or sequence-to-sequence targets.</param>
    /// <param name="stride">The distance between window starts (default 1).</param>
    /// <returns>The windows.</returns>
    public static WindowedSeries Create(float[] series, int features, int window, int horizon, int targetFeature, WindowLayout layout, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(targetFeature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(targetFeature, features);
        if (series.Length % features != 0)
        {
            throw new ArgumentException("the series length must be a multiple of features", nameof(series));
        }

        int t = series.Length / features;
        int n = t >= window + horizon ? ((t - window - horizon) / stride) + 1 : 0;
        float[] inputs = new float[(long)n * window * features];
        int perWindow = layout == WindowLayout.SequenceToVector ? horizon : window * horizon;
        float[] targets = new float[(long)n * perWindow];
        int[] starts = new int[n];
        for (int w = 0; w < n; w++)
        {
            int s = w * stride;
            starts[w] = s;
            Array.Copy(series, (long)s * features, inputs, (long)w * window * features, (long)window * features);
            long baseIndex = (long)w * perWindow;
            if (layout == WindowLayout.SequenceToVector)
            {
                for (int j = 0; j < horizon; j++)
                {
                    targets[baseIndex + j] = series[((long)(s + window + j) * features) + targetFeature];
                }
            }
            else
            {
                for (int step = 0; step < window; step++)
                {
                    for (int j = 0; j < horizon; j++)
                    {
                        targets[baseIndex + ((long)step * horizon) + j] = series[((long)(s + step + 1 + j) * features) + targetFeature];
                    }
                }
            }
        }

        return new WindowedSeries(inputs, targets, n, window, features, horizon, layout, starts);
    }

    /// <summary>Windows columns of a table.</summary>
    /// <param name="table">The table (e.g. one split).</param>
    /// <param name="inputColumns">The input features, in order.</param>
    /// <param name="targetColumn">The predicted column; it must be one of <paramref name="inputColumns"/>.</param>
    /// <param name="window">W.</param>
    /// <param name="horizon">k.</param>
    /// <param name="layout">The target layout.</param>
    /// <param name="divisor">Every value is divided by it (e.g. 1e6 for ridership in millions).</param>
    /// <param name="stride">The distance between window starts.</param>
    /// <returns>The windows.</returns>
    public static WindowedSeries Create(TimeSeriesTable table, IReadOnlyList<string> inputColumns, string targetColumn, int window, int horizon, WindowLayout layout, double divisor = 1, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(inputColumns);
        int target = inputColumns.ToList().IndexOf(targetColumn);
        if (target < 0)
        {
            throw new ArgumentException($"the target column '{targetColumn}' must be one of the input columns", nameof(targetColumn));
        }

        return Create(table.ToMatrix(inputColumns, divisor), inputColumns.Count, window, horizon, target, layout, stride);
    }
}
