using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.TimeSeries;
using QuickDrawDsl.Runtime.Experiments;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// A CSV series cut into windows for a forecaster: inputs <c>[window, 1]</c>, targets the next <c>horizon</c> values
/// after the window (<c>[horizon]</c>) or after every step (aligned seq2seq, <c>[window, horizon]</c>), all scaled by
/// the training split's statistics. The splits are consecutive stretches of the series in time order (train, then validation, then test); a window belongs to the split of its targets, so no
/// target crosses a split boundary and shuffling stays inside the training split (its inputs may reach back into the
/// previous split, as a forecast at the boundary would). Windowing is the runtime's <see cref="SeriesWindowing"/>.
/// </summary>
internal sealed class SeriesData : IExperimentData
{
    private readonly WindowedSeries train;
    private readonly WindowedSeries validation;
    private readonly WindowedSeries test;

    private SeriesData(Preprocessing preprocessing, DataReadReport report, WindowedSeries train, WindowedSeries validation, WindowedSeries test)
    {
        Preprocessing = preprocessing;
        Report = report;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /// <inheritdoc />
    public Preprocessing Preprocessing { get; }

    /// <inheritdoc />
    public DataReadReport Report { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> UsableByClass => new Dictionary<string, long> { [Preprocessing.Column!] = train.Count };

    /// <inheritdoc />
    public int TrainCount => train.Count;

    /// <inheritdoc />
    public int ValidationCount => validation.Count;

    /// <inheritdoc />
    public int TestCount => test.Count;

    /// <summary>Splits and windows a series.</summary>
    /// <param name="series">The series as read.</param>
    /// <param name="data">The <c>data:</c> section (window, horizon, normalize, splits).</param>
    /// <param name="trained">The preprocessing of a trained run, or null to fit the normalisation on the training split.</param>
    /// <param name="layout">The targets: the <c>horizon</c> values after the window, or after every step (aligned seq2seq).</param>
    /// <returns>The windows.</returns>
    /// <exception cref="UserError">The training split is too short for one window.</exception>
    public static SeriesData Create(SeriesCsv series, DataSection data, Preprocessing? trained, WindowLayout layout = WindowLayout.SequenceToVector)
    {
        int window = trained?.Window ?? data.Window!.Value;
        int horizon = trained?.Horizon ?? data.Horizon ?? 1;
        int n = series.Values.Count;
        int testRows = (int)Math.Round(n * data.TestFraction);
        int validationRows = (int)Math.Round(n * data.ValidationFraction);
        int trainRows = n - testRows - validationRows;
        if (trainRows < window + horizon)
        {
            throw new UserError($"the training split has {trainRows} of the series' {n} usable rows, fewer than data.window {window} + data.horizon {horizon}; give a longer series, or lower data.window or data.splits");
        }

        Preprocessing preprocessing = trained ?? Fit(series, data, trainRows, window, horizon);
        double shift = preprocessing.Shift ?? 0;
        double scale = preprocessing.Scale ?? 1;
        float[] scaled = [.. series.Values.Select(v => (float)((v - shift) / scale))];
        return new SeriesData(preprocessing, series.Report,
            Windows(scaled, 0, trainRows, window, horizon, layout),
            Windows(scaled, trainRows, trainRows + validationRows, window, horizon, layout),
            Windows(scaled, trainRows + validationRows, n, window, horizon, layout));
    }

    /// <inheritdoc />
    public IBatchLoader Train(int batchSize, bool shuffle) => Loader(train, batchSize, shuffle);

    /// <inheritdoc />
    public IBatchLoader Validation(int batchSize) => Loader(validation, batchSize, shuffle: false);

    /// <inheritdoc />
    public IBatchLoader Test(int batchSize) => Loader(test, batchSize, shuffle: false);

    /// <summary>
    /// <c>test_rmse</c>, and <c>test_naive_mae</c>: the error of repeating each window's last value over the horizon,
    /// the baseline a forecaster must beat; both in the scaled units of <c>test_mae</c>. For an aligned seq2seq model
    /// (whose <c>test_mae</c> and loss cover every step) they score the last step, the forecast <c>predict</c> gives,
    /// and <c>test_forecast_mae</c> is that step's MAE. <c>test_mae_units</c>, <c>test_rmse_units</c> and
    /// <c>test_naive_mae_units</c> give the forecast's errors in the series' own units.
    /// </summary>
    /// <param name="module">The trained model, in eval mode.</param>
    /// <returns>The metrics.</returns>
    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module)
    {
        double squared = 0;
        double naive = 0;
        double forecast = 0;
        bool aligned = test.Layout == WindowLayout.SequenceToSequence;
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            torch.Tensor inputs = test.InputsTensor();
            torch.Tensor targets = test.TargetsTensor();
            torch.Tensor predicted = module.call(inputs).reshape(targets.shape);
            if (aligned)
            {
                // [N, window, horizon] -> the forecast after the window, [N, horizon].
                predicted = predicted[.., -1, ..];
                targets = targets[.., -1, ..];
            }

            squared = (predicted - targets).square().mean().item<float>();
            forecast = (predicted - targets).abs().mean().item<float>();
            torch.Tensor last = inputs[.., -1, ..];
            naive = (targets - last).abs().mean().item<float>();
        }

        // The same errors in the series' own units (riders, degrees, ...): the scaled ones times data.normalize's scale.
        double scale = Preprocessing.Scale ?? 1;
        double rmse = Math.Sqrt(squared);
        var metrics = new Dictionary<string, double>
        {
            [MetricName("rmse")] = rmse,
            [MetricName("naive_mae")] = naive,
            [MetricName("mae_units")] = forecast * scale,
            [MetricName("rmse_units")] = rmse * scale,
            [MetricName("naive_mae_units")] = naive * scale,
        };
        if (aligned)
        {
            metrics[MetricName("forecast_mae")] = forecast;
        }

        return metrics;
    }

    private static string MetricName(string metric) => Runtime.Training.MetricNames.For(Runtime.Training.MetricNames.TestSplit, metric);

    private static Preprocessing Fit(SeriesCsv series, DataSection data, int trainRows, int window, int horizon)
    {
        IReadOnlyList<double> fit = [.. series.Values.Take(trainRows)];
        double mean = fit.Average();
        (double shift, double scale) = data.Normalize switch
        {
            Normalization.Standard => (mean, Math.Sqrt(fit.Select(v => (v - mean) * (v - mean)).Average())),
            Normalization.MinMax => (fit.Min(), fit.Max() - fit.Min()),
            _ => (0.0, 1.0),
        };

        // A constant training split would divide by zero; it is left unscaled.
        return new Preprocessing([], 1, null)
        {
            Format = DataSection.FormatKey(data.Format),
            Column = series.Column,
            Window = window,
            Horizon = horizon,
            Shift = shift,
            Scale = scale > 0 ? scale : 1,
        };
    }

    private static WindowedSeries Windows(float[] series, int from, int to, int window, int horizon, WindowLayout layout)
    {
        // Inputs reach back up to one window into the previous split; every forecast target lies in [from, to) (an
        // aligned model's earlier steps have targets in the window itself).
        int start = Math.Max(0, from - window);
        return SeriesWindowing.Create(series[start..to], 1, window, horizon, 0, layout);
    }

    private static DataLoader<int> Loader(WindowedSeries windows, int batchSize, bool shuffle) =>
        new(new ListDataset<int>([.. Enumerable.Range(0, windows.Count)]), ids => Collate(windows, ids), new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle });

    private static Batch Collate(WindowedSeries windows, IReadOnlyList<int> ids)
    {
        int inputLength = windows.Window * windows.Features;
        long[] targetShape = [.. windows.TargetShape];
        targetShape[0] = ids.Count;
        int targetLength = windows.Layout == WindowLayout.SequenceToSequence ? windows.Window * windows.Horizon : windows.Horizon;
        var inputs = new float[ids.Count * inputLength];
        var targets = new float[ids.Count * targetLength];
        for (int b = 0; b < ids.Count; b++)
        {
            Array.Copy(windows.Inputs, (long)ids[b] * inputLength, inputs, (long)b * inputLength, inputLength);
            Array.Copy(windows.Targets, (long)ids[b] * targetLength, targets, (long)b * targetLength, targetLength);
        }

        return new Batch(torch.tensor(inputs, [ids.Count, windows.Window, windows.Features]), torch.tensor(targets, targetShape));
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
