using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Training;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>
/// Trains one row with one seed the way the chapter's <c>fit_and_evaluate</c> does: batches of 32 shuffled training
/// windows, validation MAE after every epoch, early stopping when it has not improved for the patience, the best
/// epoch's weights restored, then the validation windows scored.
/// </summary>
internal static class BookTrainer
{
    public static BookSeedResult Train(BookRow row, BookData data, int seed, BookSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        BookWindows train = data.Windows(row.Inputs, row.Task, BookProtocol.TrainRange);
        BookWindows validation = data.Windows(row.Inputs, row.Task, BookProtocol.ValidationRange);

        // The trainer seeds torch again when Fit starts, after the weights exist: seed before building the model too.
        torch.random.manual_seed(seed);
        using nn.Module<Tensor, Tensor> model = row.Create();
        if (row.Recipe.KerasInitialization)
        {
            KerasInitialization.Apply(model);
        }

        long parameters = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        var trainLoader = Loader(train, shuffle: true);
        var validationLoader = Loader(validation, shuffle: false);
        using nn.Module<Tensor, Tensor>? wrapper = row.FreeRunningDecoder ? new FreeRunningDecoder(model) : null;
        var options = new TrainerOptions
        {
            Epochs = settings.MaxEpochs,
            Optimizer = row.Recipe.Optimizer,
            LearningRate = row.Recipe.LearningRate,
            Momentum = row.Recipe.Optimizer == OptimizerKind.Sgd ? BookProtocol.Momentum : 0,
            Loss = row.Recipe.Loss,
            ClipGradientNorm = row.Recipe.ClipGradientNorm,
            Seed = seed,
            EarlyStopping = new EarlyStoppingOptions { Monitor = MetricNames.ValidationMae, Mode = MetricMode.Min, Patience = settings.Patience },
            RestoreBestModel = true,
            TensorBoard = false,
            Progress = ProgressMode.None,
        };

        var history = new List<BookEpoch>();
        TrainingResult result;
        using (var trainer = new Trainer(wrapper ?? model, options))
        {
            double best = double.PositiveInfinity;
            trainer.EpochCompleted += (_, epoch) =>
            {
                var record = new BookEpoch(epoch.Epoch + 1, epoch.Get(MetricNames.TrainLoss), epoch.Get(MetricNames.ValidationMae) * BookProtocol.Scale);
                history.Add(record);
                bool improved = record.ValidationMae < best;
                best = Math.Min(best, record.ValidationMae);
                if (improved || record.Epoch % 50 == 0)
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {row.Key} seed {seed} epoch {record.Epoch,3}  train loss {record.TrainLoss:0.000000}  val MAE {record.ValidationMae,8:N0}{(improved ? "  *" : string.Empty)}"));
                }
            };
            result = trainer.Fit(trainLoader, validationLoader);
        }

        if (result.BestEpoch < 0)
        {
            throw new UserError($"{row.Key} (seed {seed}) never reached a finite validation MAE in {history.Count} epochs; its learning rate ({row.Recipe.LearningRate}) is too high for this seed.");
        }

        BookScore score = Score(row, validation, Predict(model, validation));
        return new BookSeedResult(seed, parameters, result.BestEpoch + 1, history.Count, result.StoppedEarly, score, history, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The model's outputs for every window, flattened row-major (scaled units).</summary>
    public static float[] Predict(nn.Module<Tensor, Tensor> model, BookWindows windows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(windows);
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor inputs = torch.tensor(windows.Inputs, [windows.Count, BookProtocol.Window, windows.Features]);
        Tensor output = model.call(inputs);
        if (output.numel() != windows.Targets.Length)
        {
            throw new InvalidOperationException($"the model's output [{string.Join(", ", output.shape)}] does not match the targets [{string.Join(", ", windows.TargetShape)}]");
        }

        return output.contiguous().data<float>().ToArray();
    }

    /// <summary>Scores forecasts (scaled, laid out like the targets) in riders, by the row's metric.</summary>
    public static BookScore Score(BookRow row, BookWindows windows, float[] predictions)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(predictions);
        int n = windows.Count;
        int k = BookProtocol.LongHorizon;
        double Mae(Func<int, bool> take)
        {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < predictions.Length; i++)
            {
                if (take(i))
                {
                    sum += Math.Abs(predictions[i] - (double)windows.Targets[i]);
                    count++;
                }
            }

            return sum / count * BookProtocol.Scale;
        }

        var details = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (windows.Task)
        {
            case BookTask.NextDay:
                return new BookScore(Mae(_ => true), details);
            case BookTask.NextDayBusAndRail:
                details["bus"] = Mae(i => i % 2 == 0);
                return new BookScore(Mae(i => i % 2 == 1), details);
            case BookTask.Next14Days:
                details["day 1"] = Mae(i => i % k == 0);
                details["day 14"] = Mae(i => i % k == k - 1);
                return new BookScore(Mae(_ => true), details);
            default:
                // [N, 56, 14]: the last step of window n starts at ((n * 56) + 55) * 14.
                int w = BookProtocol.Window;
                bool LastStep(int i) => (i / k) % w == w - 1;
                double all = Mae(_ => true);
                double last = Mae(LastStep);
                details["last step, day 1"] = Mae(i => LastStep(i) && i % k == 0);
                if (row.Metric == BookMetric.LastStep)
                {
                    details["all steps"] = all;
                    return new BookScore(last, details);
                }

                details["last step"] = last;
                return new BookScore(all, details);
        }
    }

    private static DataLoader<int> Loader(BookWindows windows, bool shuffle) =>
        new(
            new ListDataset<int>(Enumerable.Range(0, windows.Count).ToArray()),
            ids =>
            {
                (Tensor inputs, Tensor targets) = windows.Batch(ids);
                return new Batch(inputs, targets);
            },
            new DataLoaderOptions { BatchSize = BookProtocol.BatchSize, Shuffle = shuffle });
}
