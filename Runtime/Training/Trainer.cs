using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using QuickDrawDsl.Runtime.Training.Metrics;
using QuickDrawDsl.Runtime.Training.Reporting;
using QuickDrawDsl.Runtime.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>
/// Trains any <c>Module&lt;Tensor, Tensor&gt;</c>: optimizer, per-epoch learning-rate schedule, gradient clipping,
/// train/validation loop with metrics, early stopping with best-model restore, atomic checksummed checkpoints that a
/// killed run resumes from bit-identically, progress display, CSV / TensorBoard logs and PNG plots.
/// Models implementing <see cref="ISequenceModel"/> get the batch lengths; <see cref="ITeacherForcedModel"/> gets the
/// targets while training. Extend it with a custom loss (<see cref="TrainerOptions.CustomLoss"/>), metrics
/// (<see cref="TrainerOptions.Metrics"/>) and callbacks (<see cref="TrainerOptions.Callbacks"/>; PNG plots are one, in the
/// QuickDrawDsl.Runtime.Plotting package). The trainer does not own (dispose) the model.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> model;
    private readonly OptimizerHelper optimizer;
    private readonly LrSchedule schedule;
    private readonly Func<torch.Tensor, torch.Tensor, torch.Tensor> loss;
    private readonly ShuffleRandom shuffle;
    private readonly string signature;
    private Dictionary<string, torch.Tensor>? best;
    private bool disposed;

    /// <summary>Creates a trainer and moves <paramref name="model"/> to the chosen device.</summary>
    /// <param name="model">The model to train.</param>
    /// <param name="options">Training options (null: defaults).</param>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and is not available.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Epochs or TopK below 1, TopK above <see cref="TrainerOptions.ClassCount"/>, or a learning rate that is not positive.</exception>
    /// <exception cref="ArgumentException">Class weights that do not fit the loss or the class count; metric names that are invalid or repeated.</exception>
    public Trainer(torch.nn.Module<torch.Tensor, torch.Tensor> model, TrainerOptions? options = null)
    {
        TorchNative.EnsureLoaded();
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        Options = options ?? new TrainerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Epochs, 1, "options.Epochs");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.LearningRate, "options.LearningRate");
        ValidateOptions(Options);
        Device = Devices.Resolve(Options.Device);
        model.to(Device);
        IEnumerable<Parameter> parameters = model.parameters();
        optimizer = Options.Optimizer switch
        {
            OptimizerKind.Adam => new Optimizers.Adam(parameters, Options.LearningRate, weightDecay: Options.WeightDecay),
            OptimizerKind.AdamW => new Optimizers.AdamW(parameters, Options.LearningRate, weightDecay: Options.WeightDecay),
            OptimizerKind.Sgd => new Optimizers.SGD(parameters, Options.LearningRate, momentum: Options.Momentum, weightDecay: Options.WeightDecay, nesterov: Options.Nesterov),
            _ => throw new ArgumentOutOfRangeException(nameof(options), Options.Optimizer, "unknown optimizer"),
        };
        schedule = Options.Schedule ?? new ConstantLrSchedule();
        loss = Options.CustomLoss is { } custom
            ? custom.Compute
            : Losses.Create(Options.Loss, Options.LabelSmoothing, Options.HuberDelta, Options.ClassWeights);
        Task = Options.CustomLoss?.Task ?? (Options.Loss == LossKind.CrossEntropy ? TrainingTask.Classification : TrainingTask.Regression);
        shuffle = new ShuffleRandom(Options.Seed);
        signature = ModelSignature.Of(model);
    }

    /// <summary>Raised after every epoch, once its checkpoint is written (before the callbacks' <see cref="ITrainingCallback.OnEpochEnd"/>).</summary>
    public event EventHandler<EpochResult>? EpochCompleted;

    /// <summary>The options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The device the model runs on.</summary>
    public torch.Device Device { get; }

    /// <summary>The optimizer's current learning rate.</summary>
    public double CurrentLearningRate => optimizer.ParamGroups.First().LearningRate;

    /// <summary>What the loss trains for, which decides the built-in metrics.</summary>
    public TrainingTask Task { get; }

    private bool IsClassification => Task == TrainingTask.Classification;

    /// <summary>
    /// The k of the top-k accuracy for <paramref name="classCount"/> classes: <see cref="TrainerOptions.TopK"/> capped at
    /// the class count, or by default 5 capped at one less than the class count.
    /// </summary>
    /// <param name="classCount">Number of classes.</param>
    /// <returns>k, at least 1.</returns>
    public int TopKFor(int classCount) => Options.TopK is int k
        ? Math.Max(1, Math.Min(k, classCount))
        : Math.Max(1, Math.Min(5, classCount - 1));

    /// <summary>
    /// Trains for <see cref="TrainerOptions.Epochs"/> epochs (continuing from <see cref="TrainerOptions.CheckpointPath"/>
    /// when it exists and <see cref="TrainerOptions.Resume"/> is set).
    /// </summary>
    /// <param name="train">Training batches (shuffled with the trainer's seeded generator).</param>
    /// <param name="validation">Validation batches, or null.</param>
    /// <param name="cancellationToken">Checked between epochs; a cancelled run keeps its last checkpoint.</param>
    /// <returns>History, best epoch, files written.</returns>
    /// <exception cref="CheckpointException">The checkpoint to resume from is unusable.</exception>
    /// <exception cref="NonFiniteLossException">
    /// A training batch's loss or gradient norm is NaN or infinite: the step is not taken and the run stops, keeping the
    /// checkpoint of the last complete epoch.
    /// </exception>
    public TrainingResult Fit(IBatchLoader train, IBatchLoader? validation = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(train);
        if (Options.CheckpointEveryBatches is not null && train is not IResumableBatchLoader)
        {
            throw new ArgumentException($"Mid-epoch checkpoints (CheckpointEveryBatches) need a training loader that can start part-way through an epoch ({nameof(IResumableBatchLoader)}); {train.GetType().Name} is not one.", nameof(train));
        }

        var stopping = new EarlyStopping(Options.EarlyStopping ?? new EarlyStoppingOptions
        {
            Monitor = validation is null ? MetricNames.TrainLoss : MetricNames.ValidationLoss,
            Mode = MetricMode.Min,
            Patience = int.MaxValue,
        });
        var history = new List<EpochResult>();
        var files = new List<string>();
        int startEpoch = 0;
        EpochPosition? resumeAt = null;
        if (Options.CheckpointPath is not null && Options.Resume && File.Exists(Options.CheckpointPath))
        {
            (startEpoch, resumeAt) = LoadCheckpoint(Options.CheckpointPath, stopping, history);
            if (resumeAt is not null && train is not IResumableBatchLoader)
            {
                throw new CheckpointException(Options.CheckpointPath, $"was written in the middle of an epoch (after batch {resumeAt.BatchesDone}); resuming it needs a training loader that can start part-way through an epoch ({nameof(IResumableBatchLoader)}).");
            }
        }
        else
        {
            torch.random.manual_seed(Options.Seed);
            shuffle.State = unchecked((ulong)Options.Seed);
        }

        string? csvPath = Options.OutputDirectory is null ? null : Path.Combine(Options.OutputDirectory, "metrics.csv");
        SummaryWriter? board = null;
        if (Options.OutputDirectory is not null && Options.TensorBoard)
        {
            string boardDir = Path.Combine(Options.OutputDirectory, "tensorboard");
            board = torch.utils.tensorboard.SummaryWriter(boardDir);
            files.Add(boardDir);
        }

        bool stoppedEarly = stopping.ShouldStop;
        bool cancelled = false;
        var context = new TrainingContext(this, model);
        foreach (ITrainingCallback callback in Options.Callbacks)
        {
            callback.OnTrainBegin(context);
        }

        ConfusionMatrix? confusion = null;
        double totalUnits = (double)Math.Max(0, Options.Epochs - startEpoch) * train.BatchesPerEpoch;
        TrainingProgressHost.Run(Options.Progress, Options.Log, Options.LogEveryBatches, totalUnits, progress =>
        {
            if (resumeAt is not null)
            {
                progress.Message($"resumed from {Options.CheckpointPath} at epoch {startEpoch + 1}/{Options.Epochs}, batch {resumeAt.BatchesDone + 1}/{train.BatchesPerEpoch}");
            }
            else if (startEpoch > 0)
            {
                progress.Message($"resumed from {Options.CheckpointPath} at epoch {startEpoch + 1}/{Options.Epochs}");
            }

            for (int epoch = startEpoch; epoch < Options.Epochs && !stoppedEarly; epoch++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                double lr = schedule.LearningRateFor(epoch, Options.LearningRate);
                SetLearningRate(lr);
                progress.EpochStarted(epoch, Options.Epochs, train.BatchesPerEpoch, lr);
                foreach (ITrainingCallback callback in Options.Callbacks)
                {
                    callback.OnEpochBegin(context, epoch);
                }

                var clock = Stopwatch.StartNew();
                if (resumeAt is not null)
                {
                    shuffle.State = resumeAt.StartShuffleState;
                }

                int epochIndex = epoch;
                Action<EpochPosition>? midEpoch = Options.CheckpointPath is { } checkpointPath && Options.CheckpointEveryBatches is not null
                    ? position => SaveCheckpoint(checkpointPath, epochIndex, stopping, history, position)
                    : null;
                PassResult trained = RunPass(train, training: true, epoch, progress, -1, context, resumeAt, midEpoch);
                resumeAt = null;
                double trainSeconds = clock.Elapsed.TotalSeconds;
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                AddPassMetrics(metrics, MetricNames.TrainSplit, trained);
                if (validation is not null)
                {
                    PassResult validated = RunPass(validation, training: false, epoch, progress, IsClassification ? Options.ClassCount ?? 0 : -1, null);
                    confusion = validated.Confusion;
                    AddPassMetrics(metrics, MetricNames.ValidationSplit, validated);
                }

                var result = new EpochResult(epoch, lr, clock.Elapsed.TotalSeconds, trained.Samples / Math.Max(trainSeconds, 1e-9), metrics);
                history.Add(result);
                schedule.EpochEnded(epoch, metrics);
                if (!metrics.TryGetValue(stopping.Options.Monitor, out double monitored))
                {
                    throw new InvalidOperationException($"The monitored metric '{stopping.Options.Monitor}' is not recorded by this run (it has: {string.Join(", ", metrics.Keys)}).");
                }

                if (stopping.Update(epoch, monitored))
                {
                    SnapshotBest();
                }

                stoppedEarly = stopping.ShouldStop;
                if (csvPath is not null)
                {
                    MetricsCsvWriter.Write(csvPath, history);
                }

                if (board is not null)
                {
                    foreach ((string key, double value) in metrics)
                    {
                        board.add_scalar(key, (float)value, epoch);
                    }

                    board.add_scalar("learning_rate", (float)lr, epoch);
                }

                progress.EpochEnded(result, Options.Epochs);
                if (Options.CheckpointPath is not null)
                {
                    SaveCheckpoint(Options.CheckpointPath, epoch + 1, stopping, history, null);
                }

                EpochCompleted?.Invoke(this, result);
                foreach (ITrainingCallback callback in Options.Callbacks)
                {
                    callback.OnEpochEnd(context, result);
                }

                if (stoppedEarly)
                {
                    progress.Message(string.Create(CultureInfo.InvariantCulture, $"early stopping after epoch {epoch + 1}: {stopping.Options.Monitor} has not improved for {stopping.Wait} epochs (best {stopping.Best:0.0000} at epoch {stopping.BestEpoch + 1})"));
                }
                else if (context.StopRequested)
                {
                    stoppedEarly = true;
                    progress.Message($"stopped after epoch {epoch + 1}: {context.StopReason}");
                }
            }

            if (confusion is not null)
            {
                progress.Message(PerClassAccuracyLine(confusion.PerClassAccuracy(), ClassName));
            }

            return 0;
        });

        if (Options.RestoreBestModel && best is not null && !cancelled)
        {
            using var scope = torch.NewDisposeScope();
            TrainerState.CopyInto(model, best, "the best-model snapshot");
        }

        if (csvPath is not null && history.Count > 0)
        {
            MetricsCsvWriter.Write(csvPath, history);
            files.Add(csvPath);
        }

        if (Options.CheckpointPath is not null && File.Exists(Options.CheckpointPath))
        {
            files.Add(Options.CheckpointPath);
        }

        var trainingResult = new TrainingResult(history, stopping.BestEpoch, stopping.Best, stoppedEarly, cancelled, confusion, files);
        foreach (ITrainingCallback callback in Options.Callbacks)
        {
            callback.OnTrainEnd(context, trainingResult);
        }

        return trainingResult;
    }

    /// <summary>Evaluates the model on <paramref name="data"/> without training (no gradients, eval mode).</summary>
    /// <param name="data">Batches to evaluate.</param>
    /// <param name="split">The split's name, which prefixes every key: <c>test</c> gives <c>test_loss</c>, <c>test_accuracy</c>, ….</param>
    /// <returns>Loss and metrics keyed by the split, and a confusion matrix for classification.</returns>
    /// <exception cref="ArgumentException"><paramref name="split"/> is not lower-case letters, digits and underscores.</exception>
    public EvaluationResult Evaluate(IBatchLoader data, string split = MetricNames.TestSplit)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(data);
        MetricNames.CheckName(split, nameof(split));
        PassResult result = RunPass(data, training: false, 0, null, IsClassification ? Options.ClassCount ?? 0 : -1, null);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        AddPassMetrics(metrics, split, result);
        return new EvaluationResult(split, metrics, result.Confusion, result.Samples, result.TopK);
    }

    /// <summary>Disposes the optimizer and the best-model snapshot (not the model).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        DisposeBest();
        optimizer.Dispose();
    }

    private string ClassName(int index) =>
        Options.ClassNames is { } names && index < names.Count ? names[index] : index.ToString(CultureInfo.InvariantCulture);

    // Classes the validation set lacks have no accuracy (NaN) and are left out; beyond a screenful only the weakest show.
    internal static string PerClassAccuracyLine(IReadOnlyList<double> perClass, Func<int, string> className)
    {
        const int Shown = 12;
        var present = perClass.Select((accuracy, index) => (accuracy, index)).Where(c => !double.IsNaN(c.accuracy)).ToList();
        string Part((double Accuracy, int Index) c) => string.Create(CultureInfo.InvariantCulture, $"{className(c.Index)} {c.Accuracy:0.000}");
        string absent = present.Count < perClass.Count ? $" ({perClass.Count - present.Count} classes not in the validation data)" : "";
        return present.Count <= Shown
            ? $"validation per-class accuracy{absent}: {string.Join(", ", present.Select(Part))}"
            : $"validation per-class accuracy, the {Shown} lowest of {present.Count}{absent}: {string.Join(", ", present.OrderBy(c => c.accuracy).ThenBy(c => c.index).Take(Shown).Select(Part))}";
    }

    private static void ValidateOptions(TrainerOptions options)
    {
        if (options.CheckpointEveryBatches is int every)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(every, 1, "options.CheckpointEveryBatches");
        }

        if (options.TopK is int k)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, "options.TopK");
            if (options.ClassCount is int classes && k > classes)
            {
                throw new ArgumentOutOfRangeException("options.TopK", k, $"TopK {k} is more than the {classes} classes: top-{classes} accuracy is always 1. Use at most {Math.Max(1, classes - 1)}, or leave TopK null for the default.");
            }
        }

        if (options.ClassWeights is { } weights)
        {
            if (options.CustomLoss is not null || options.Loss != LossKind.CrossEntropy)
            {
                throw new ArgumentException("ClassWeights apply to the built-in cross-entropy loss only; a custom loss weighs classes itself.", "options.ClassWeights");
            }

            if (options.ClassCount is int classes && weights.Count != classes)
            {
                throw new ArgumentException($"{weights.Count} class weights were given for {classes} classes: give one weight per class, in label order.", "options.ClassWeights");
            }

            if (weights.Any(w => !float.IsFinite(w) || w < 0) || weights.Sum() <= 0)
            {
                throw new ArgumentException("class weights must be finite, not negative, and not all 0.", "options.ClassWeights");
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (IMetric metric in options.Metrics)
        {
            ArgumentNullException.ThrowIfNull(metric, "options.Metrics");
            MetricNames.CheckName(metric.Name, "options.Metrics");
            if (BuiltInMetrics.Contains(metric.Name) || !names.Add(metric.Name))
            {
                throw new ArgumentException($"metric name '{metric.Name}' is used twice (built-in names: {string.Join(", ", BuiltInMetrics)}): give the metric another name.", "options.Metrics");
            }
        }
    }

    private static readonly string[] BuiltInMetrics =
        [MetricNames.Loss, MetricNames.Accuracy, MetricNames.TopKAccuracy, MetricNames.Precision, MetricNames.Recall, MetricNames.F1, MetricNames.Mae];

    private void AddPassMetrics(Dictionary<string, double> metrics, string split, PassResult pass)
    {
        metrics[MetricNames.For(split, MetricNames.Loss)] = pass.Loss;
        if (Task == TrainingTask.Classification)
        {
            metrics[MetricNames.For(split, MetricNames.Accuracy)] = pass.Metric;
            if (pass.TopK > 0)
            {
                metrics[MetricNames.For(split, MetricNames.TopKAccuracy)] = pass.TopKAccuracy;
            }

            if (pass.Confusion is { } confusion)
            {
                metrics[MetricNames.For(split, MetricNames.Precision)] = confusion.MacroPrecision;
                metrics[MetricNames.For(split, MetricNames.Recall)] = confusion.MacroRecall;
                metrics[MetricNames.For(split, MetricNames.F1)] = confusion.MacroF1;
            }
        }
        else if (Task == TrainingTask.Regression)
        {
            metrics[MetricNames.For(split, MetricNames.Mae)] = pass.Metric;
        }

        foreach ((string name, double value) in pass.Custom)
        {
            metrics[MetricNames.For(split, name)] = value;
        }
    }

    private void SetLearningRate(double lr)
    {
        foreach (torch.optim.ILearningRateController group in optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }
    }

    private torch.Tensor Forward(Batch batch, bool training)
    {
        if (training && model is ITeacherForcedModel teacherForced)
        {
            return teacherForced.forward(batch.Inputs, batch.Targets);
        }

        if (batch.Lengths is not null && model is ISequenceModel sequenceModel)
        {
            return sequenceModel.forward(batch.Inputs, batch.Lengths);
        }

        return model.call(batch.Inputs);
    }

    // classCount: confusion-matrix size for classification (0: from the output); -1: no confusion matrix.
    // from: a mid-epoch position to continue from (training only); midEpoch: writes a mid-epoch checkpoint.
    private PassResult RunPass(IBatchLoader loader, bool training, int epoch, ITrainingProgress? progress, int classCount, TrainingContext? context, EpochPosition? from = null, Action<EpochPosition>? midEpoch = null)
    {
        foreach (IMetric metric in Options.Metrics)
        {
            metric.Reset();
        }

        int k = 0;
        model.train(training);
        using IDisposable? noGrad = training ? null : torch.no_grad();
        ulong startShuffleState = shuffle.State;
        int skip = from?.BatchesDone ?? 0;
        IEnumerable<Batch> epochBatches = skip > 0
            ? ((IResumableBatchLoader)loader).GetBatches(shuffle, skip)
            : loader.GetBatches(training ? shuffle : null);
        using IEnumerator<Batch> batches = epochBatches.GetEnumerator();
        double lossSum = from?.LossSum ?? 0;
        long samples = from?.Samples ?? 0, targetCount = from?.TargetCount ?? 0, correct = from?.Correct ?? 0, topK = 0;
        double absoluteErrors = from?.AbsoluteErrors ?? 0;
        ConfusionMatrix? confusion = null;
        var clock = Stopwatch.StartNew();
        long samplesBefore = samples;
        for (int index = skip; ; index++)
        {
            using var scope = torch.NewDisposeScope();
            if (!batches.MoveNext())
            {
                break;
            }

            Batch batch = batches.Current.To(Device);
            torch.Tensor output = Forward(batch, training);
            torch.Tensor value = loss(output, batch.Targets);
            float batchLoss = value.item<float>();
            if (training)
            {
                // A non-finite loss would turn every weight into NaN at the next step; stop before taking it.
                if (!float.IsFinite(batchLoss))
                {
                    throw new NonFiniteLossException(epoch + 1, index + 1, batchLoss, "loss", LastCheckpoint());
                }

                optimizer.zero_grad();
                value.backward();
                if (Options.ClipGradientValue is double clipValue)
                {
                    torch.nn.utils.clip_grad_value_(model.parameters(), clipValue);
                }

                // A finite loss can still have non-finite gradients (e.g. sqrt or log at 0); one such step poisons the
                // weights, and an epoch ending with it would checkpoint them.
                double norm = Options.ClipGradientNorm is double clipNorm
                    ? torch.nn.utils.clip_grad_norm_(model.parameters(), clipNorm)
                    : GradientNorm();
                if (!double.IsFinite(norm))
                {
                    throw new NonFiniteLossException(epoch + 1, index + 1, norm, "gradient norm", LastCheckpoint());
                }

                optimizer.step();
            }

            int count = batch.Count;
            lossSum += batchLoss * count;
            samples += count;
            using (torch.no_grad())
            {
                if (IsClassification)
                {
                    targetCount += batch.Targets.numel();
                    correct += ClassificationMetrics.TopKCorrect(output, batch.Targets, 1);
                    if (!training)
                    {
                        k = k == 0 ? TopKFor((int)output.shape[^1]) : k;
                        topK += ClassificationMetrics.TopKCorrect(output, batch.Targets, k);
                        if (classCount >= 0)
                        {
                            confusion ??= new ConfusionMatrix(classCount > 0 ? classCount : (int)output.shape[^1]);
                            confusion.Add(output, batch.Targets);
                        }
                    }
                }
                else if (Task == TrainingTask.Regression)
                {
                    targetCount += output.numel();
                    absoluteErrors += ClassificationMetrics.AbsoluteErrorSum(output, batch.Targets);
                }

                foreach (IMetric metric in Options.Metrics)
                {
                    metric.Update(output, batch.Targets);
                }
            }

            if (training && progress is not null)
            {
                double? metric = Task switch
                {
                    TrainingTask.Classification => (double)correct / targetCount,
                    TrainingTask.Regression => absoluteErrors / targetCount,
                    _ => null,
                };
                progress.BatchEnded(epoch, index, loader.BatchesPerEpoch, lossSum / samples, metric, IsClassification ? "acc" : "mae", (samples - samplesBefore) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
            }

            if (training && midEpoch is not null && (index + 1) % Options.CheckpointEveryBatches!.Value == 0 && index + 1 < loader.BatchesPerEpoch)
            {
                midEpoch(new EpochPosition(startShuffleState, index + 1, lossSum, samples, targetCount, correct, absoluteErrors));
            }

            if (context is not null && Options.Callbacks.Count > 0)
            {
                var step = new BatchResult(epoch, index, loader.BatchesPerEpoch, count, batchLoss, CurrentLearningRate);
                foreach (ITrainingCallback callback in Options.Callbacks)
                {
                    callback.OnBatchEnd(context, step);
                }
            }
        }

        double n = Math.Max(1, targetCount);
        var custom = Options.Metrics.Select(m => (m.Name, m.Result())).ToList();
        return new PassResult(
            samples == 0 ? double.NaN : lossSum / samples,
            IsClassification ? correct / n : absoluteErrors / n,
            k,
            topK / n,
            samples,
            confusion,
            custom);
    }

    // The global L2 norm of the gradients (as clip_grad_norm_ computes it), without changing them.
    private double GradientNorm()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor[] norms = model.parameters().Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray();
        return norms.Length == 0 ? 0 : torch.stack(norms).norm().item<float>();
    }

    private string? LastCheckpoint() =>
        Options.CheckpointPath is { } path && File.Exists(path) ? path : null;

    private void SnapshotBest()
    {
        DisposeBest();
        using var scope = torch.NewDisposeScope();
        best = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        foreach ((string name, torch.Tensor tensor) in model.state_dict())
        {
            best[name] = tensor.detach().clone().DetachFromDisposeScope();
        }
    }

    private void DisposeBest()
    {
        if (best is null)
        {
            return;
        }

        foreach (torch.Tensor t in best.Values)
        {
            t.Dispose();
        }

        best = null;
    }

    // position: null at the end of an epoch; the place inside epoch nextEpoch for a mid-epoch checkpoint.
    private void SaveCheckpoint(string path, int nextEpoch, EarlyStopping stopping, IReadOnlyList<EpochResult> history, EpochPosition? position)
    {
        using var scope = torch.NewDisposeScope();
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((int)Options.Optimizer);
            writer.Write(nextEpoch);
            writer.Write(stopping.Best);
            writer.Write(stopping.BestEpoch);
            writer.Write(stopping.Wait);
            writer.Write(shuffle.State);
            double[] scheduleState = schedule.SaveState();
            writer.Write(scheduleState.Length);
            foreach (double v in scheduleState)
            {
                writer.Write(v);
            }

            using (torch.Tensor rng = torch.random.get_rng_state())
            {
                byte[] rngBytes = rng.bytes.ToArray();
                writer.Write(rngBytes.Length);
                writer.Write(rngBytes);
            }

            TrainerState.WriteHistory(writer, history);
            TrainerState.WriteTensors(writer, model.state_dict().ToList());
            writer.Write(best is not null);
            if (best is not null)
            {
                TrainerState.WriteTensors(writer, best.ToList());
            }

            using var optimizerState = new MemoryStream();
            using (var optimizerWriter = new BinaryWriter(optimizerState, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                optimizer.save_state_dict(optimizerWriter);
            }

            writer.Write((int)optimizerState.Length);
            writer.Write(optimizerState.GetBuffer(), 0, (int)optimizerState.Length);

            // Appended last, so that checkpoints written before mid-epoch positions existed still read.
            writer.Write(position is not null);
            position?.Write(writer);
        }

        CheckpointFile.Write(path, signature, payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    private (int NextEpoch, EpochPosition? Position) LoadCheckpoint(string path, EarlyStopping stopping, List<EpochResult> history)
    {
        byte[] payload = CheckpointFile.Read(path, signature);

        // No dispose scope around the restore: the optimizer keeps the state tensors it loads (e.g. SGD momentum buffers).
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload), System.Text.Encoding.UTF8);
            var savedOptimizer = (OptimizerKind)reader.ReadInt32();
            if (savedOptimizer != Options.Optimizer)
            {
                throw new CheckpointException(path, $"was written by a run using the {savedOptimizer} optimizer; this run uses {Options.Optimizer}.");
            }

            int nextEpoch = reader.ReadInt32();
            double bestValue = reader.ReadDouble();
            int bestEpoch = reader.ReadInt32();
            int wait = reader.ReadInt32();
            ulong shuffleState = reader.ReadUInt64();
            var scheduleState = new double[reader.ReadInt32()];
            for (int i = 0; i < scheduleState.Length; i++)
            {
                scheduleState[i] = reader.ReadDouble();
            }

            byte[] rngBytes = reader.ReadBytes(reader.ReadInt32());
            List<EpochResult> saved = TrainerState.ReadHistory(reader);
            Dictionary<string, torch.Tensor> weights = TrainerState.ReadTensors(reader);
            try
            {
                using var scope = torch.NewDisposeScope();
                TrainerState.CopyInto(model, weights, $"Checkpoint '{path}'");
            }
            finally
            {
                foreach (torch.Tensor t in weights.Values)
                {
                    t.Dispose();
                }
            }

            DisposeBest();
            if (reader.ReadBoolean())
            {
                Dictionary<string, torch.Tensor> savedBest = TrainerState.ReadTensors(reader);
                if (Device.type == DeviceType.CPU)
                {
                    best = savedBest;
                }
                else
                {
                    best = savedBest.ToDictionary(kv => kv.Key, kv => kv.Value.to(Device).DetachFromDisposeScope(), StringComparer.Ordinal);
                    foreach (torch.Tensor t in savedBest.Values)
                    {
                        t.Dispose();
                    }
                }
            }

            byte[] optimizerBytes = reader.ReadBytes(reader.ReadInt32());
            using (var optimizerReader = new BinaryReader(new MemoryStream(optimizerBytes)))
            {
                optimizer.load_state_dict(optimizerReader);
            }

            EpochPosition? position = reader.BaseStream.Position < reader.BaseStream.Length && reader.ReadBoolean() ? EpochPosition.Read(reader) : null;

            stopping.Restore(bestValue, bestEpoch, wait);
            shuffle.State = shuffleState;
            schedule.LoadState(scheduleState);
            using (torch.Tensor rngState = torch.tensor(rngBytes, torch.uint8))
            {
                torch.random.set_rng_state(rngState);
            }
            history.AddRange(saved);
            return (nextEpoch, position);
        }
        catch (Exception ex) when (ex is not CheckpointException)
        {
            throw new CheckpointException(path, $"cannot be restored: {ex.Message}", ex);
        }
    }

    private sealed record PassResult(double Loss, double Metric, int TopK, double TopKAccuracy, long Samples, ConfusionMatrix? Confusion, IReadOnlyList<(string Name, double Value)> Custom);
}
