using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.TimeSeries;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Forecasting.Training;

/// <summary>
/// Trains one model with the runtime's <see cref="Trainer"/> and keeps the epoch with the lowest validation MAE in
/// riders (averaged over the 7 horizons, on the same days as the baselines), then scores it on validation and test.
/// </summary>
internal static class ForecastModelTrainer
{
    public static ModelResult Train(ForecastModelSpec spec, ForecastData data, EvaluationWindows validation, EvaluationWindows test, ForecastSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();

        // The trainer seeds torch when Fit starts, after the weights exist: seed before building the model too.
        torch.random.manual_seed(settings.Seed);
        using nn.Module<Tensor, Tensor> model = spec.Create(data.Multivariate);
        long parameters = model.parameters().Sum(p => p.numel());
        WindowLayout layout = spec.Architecture == ForecastArchitecture.AlignedSequenceToSequence ? WindowLayout.SequenceToSequence : WindowLayout.SequenceToVector;
        WindowedSeries train = data.TrainingWindows(layout);
        var loader = new DataLoader<int>(
            new ListDataset<int>(Enumerable.Range(0, train.Count).ToArray()),
            ids => Collate(train, ids, spec.Architecture),
            new DataLoaderOptions { BatchSize = settings.BatchSize, Shuffle = true });

        bool freeRunning = spec.Architecture == ForecastArchitecture.EncoderDecoder && !settings.TeacherForcing;
        using nn.Module<Tensor, Tensor>? wrapper = freeRunning ? new FreeRunningDecoder(model) : null;
        // Optimizer, loss and clipping as the spec's training: section declares them; epochs, learning rate and seed
        // are compare's options (whose defaults are that section's). The best epoch is chosen below, on the MAE in riders.
        TrainingSection declared = spec.Training(data.Multivariate);
        var options = new TrainerOptions
        {
            Epochs = settings.Epochs,
            Optimizer = declared.Optimizer,
            LearningRate = settings.LearningRate,
            Loss = declared.Loss,
            ClipGradientNorm = declared.ClipGradientNorm,
            Seed = settings.Seed,
            RestoreBestModel = false,
            TensorBoard = false,
            Progress = ProgressMode.None,
        };

        var history = new List<EpochRecord>();
        Dictionary<string, Tensor>? best = null;
        double bestMae = double.PositiveInfinity;
        int bestEpoch = 0;
        using (var trainer = new Trainer(wrapper ?? model, options))
        {
            trainer.EpochCompleted += (_, epoch) =>
            {
                double mae = HorizonErrors.Score(validation, Predict(model, spec.Architecture, validation.Windows)).Mean;
                var record = new EpochRecord(epoch.Epoch + 1, epoch.Get(MetricNames.TrainLoss), mae);
                history.Add(record);
                bool improved = mae < bestMae;
                if (improved)
                {
                    bestMae = mae;
                    bestEpoch = record.Epoch;
                    Snapshot(model, ref best);
                }

                if (improved || record.Epoch % 10 == 0 || record.Epoch == settings.Epochs)
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {spec.Key} epoch {record.Epoch,3}/{settings.Epochs}  train loss {record.TrainLoss:0.000000}  validation MAE {mae,8:N0}{(improved ? "  *" : string.Empty)}"));
                }
            };
            trainer.Fit(loader);
        }

        if (best is null)
        {
            throw new UserError($"{spec.Key} never reached a finite validation MAE in {settings.Epochs} epochs; try a lower --learning-rate.");
        }

        Restore(model, best);
        double[,] validationForecasts = Predict(model, spec.Architecture, validation.Windows);
        double[,] testForecasts = Predict(model, spec.Architecture, test.Windows);
        return new ModelResult(
            spec,
            parameters,
            bestEpoch,
            HorizonErrors.Score(validation, validationForecasts),
            HorizonErrors.Score(test, testForecasts),
            validationForecasts,
            testForecasts,
            history,
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>The model's 1- to 7-day-ahead forecasts for every window, in riders: <c>[N, 7]</c>.</summary>
    public static double[,] Predict(nn.Module<Tensor, Tensor> model, ForecastArchitecture architecture, WindowedSeries windows)
    {
        int k = ForecastData.Horizon;
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor output = model.call(windows.InputsTensor());
        Tensor forecast = architecture switch
        {
            ForecastArchitecture.AlignedSequenceToSequence => output.select(1, -1), // [N, W, 7] → the last step [N, 7]
            _ => output.reshape(windows.Count, k),                                 // [N, 7] or [N, 7, 1]
        };
        float[] values = forecast.contiguous().data<float>().ToArray();
        var result = new double[windows.Count, k];
        for (int n = 0; n < windows.Count; n++)
        {
            for (int h = 0; h < k; h++)
            {
                result[n, h] = values[(n * k) + h] * ForecastData.Scale;
            }
        }

        return result;
    }

    /// <summary>A batch of windows: inputs <c>[B, W, F]</c>, targets shaped like the model's output.</summary>
    internal static Batch Collate(WindowedSeries windows, IReadOnlyList<int> ids, ForecastArchitecture architecture)
    {
        int inputSize = windows.Window * windows.Features;
        int targetSize = windows.Targets.Length / Math.Max(1, windows.Count);
        var inputs = new float[ids.Count * inputSize];
        var targets = new float[ids.Count * targetSize];
        for (int i = 0; i < ids.Count; i++)
        {
            Array.Copy(windows.Inputs, (long)ids[i] * inputSize, inputs, (long)i * inputSize, inputSize);
            Array.Copy(windows.Targets, (long)ids[i] * targetSize, targets, (long)i * targetSize, targetSize);
        }

        long[] targetShape = architecture switch
        {
            ForecastArchitecture.AlignedSequenceToSequence => [ids.Count, windows.Window, windows.Horizon],
            ForecastArchitecture.EncoderDecoder => [ids.Count, windows.Horizon, 1],
            _ => [ids.Count, windows.Horizon],
        };
        return new Batch(torch.tensor(inputs, [ids.Count, windows.Window, windows.Features]), torch.tensor(targets, targetShape));
    }

    private static void Snapshot(nn.Module model, ref Dictionary<string, Tensor>? best)
    {
        if (best is not null)
        {
            foreach (Tensor t in best.Values)
            {
                t.Dispose();
            }
        }

        using var scope = torch.NewDisposeScope();
        best = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, Tensor tensor) in model.state_dict())
        {
            best[name] = tensor.detach().clone().DetachFromDisposeScope();
        }
    }

    private static void Restore(nn.Module model, Dictionary<string, Tensor> best)
    {
        using (torch.no_grad())
        {
            foreach ((string name, Tensor tensor) in model.state_dict())
            {
                tensor.copy_(best[name]);
            }
        }

        foreach (Tensor t in best.Values)
        {
            t.Dispose();
        }
    }
}
