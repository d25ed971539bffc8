using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Schedules;

namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>
/// The <c>training:</c> section of a model spec: how to fit the model. The generator emits one sealed record per model
/// that derives from this one (<c>SketchClassifierTraining</c>) and sets every value, the spec's or the default written
/// out; a command line overrides values with <c>with</c>, checks them with <see cref="Problems"/>, and builds the
/// <see cref="Trainer"/>'s options with <see cref="ToTrainerOptions"/>. The defaults here are the spec's defaults.
/// </summary>
public record TrainingSection
{
    /// <summary><c>optimizer:</c> the optimizer (default <c>adam</c>).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary><c>learning_rate:</c> the base learning rate, more than 0 (default 0.001).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary><c>weight_decay:</c> L2 (adam, sgd) or decoupled (adamw) weight decay, at least 0 (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary><c>momentum:</c> SGD momentum in [0, 1) (default 0; sgd only).</summary>
    public double Momentum { get; init; }

    /// <summary><c>nesterov:</c> Nesterov momentum (default false; sgd only).</summary>
    public bool Nesterov { get; init; }

    /// <summary><c>epochs:</c> passes over the training data, at least 1 (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary><c>batch_size:</c> samples a step, at least 1 (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary><c>warmup_epochs:</c> epochs of linear learning-rate warm-up before the schedule, fewer than <see cref="Epochs"/> (default 0).</summary>
    public int WarmupEpochs { get; init; }

    /// <summary><c>schedule:</c> the learning-rate schedule after warm-up (default <c>constant</c>).</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary><c>min_learning_rate:</c> the floor of the cosine and plateau schedules, at least 0 (default 0).</summary>
    public double MinLearningRate { get; init; }

    /// <summary><c>step_size:</c> epochs between decays (step) or without improvement before one (plateau), at least 1 (default 10).</summary>
    public int StepSize { get; init; } = 10;

    /// <summary><c>gamma:</c> the decay factor of the step and plateau schedules, in (0, 1] (default 0.1).</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary><c>loss:</c> the loss; <c>cross_entropy</c> makes a classification run, the others a regression run (default <c>cross_entropy</c>).</summary>
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary><c>label_smoothing:</c> in [0, 1) (default 0; cross_entropy only).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary><c>huber_delta:</c> where the Huber loss turns linear, more than 0 (default 1; huber only).</summary>
    public double HuberDelta { get; init; } = 1.0;

    /// <summary><c>class_weights: balanced</c>: weights <c>n / (C · countᵢ)</c> from the training split's class counts (cross_entropy only).</summary>
    public bool BalancedClassWeights { get; init; }

    /// <summary><c>class_weights: [..]</c>: one weight a class in label order, or null for none (cross_entropy only).</summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary><c>metrics:</c> the metrics to report; empty reports every metric of the run's task (default empty).</summary>
    public IReadOnlyList<TrainingMetric> Metrics { get; init; } = [];

    /// <summary><c>top_k:</c> k of <c>topk_accuracy</c>, at least 1 and at most the class count; null for min(5, classes − 1).</summary>
    public int? TopK { get; init; }

    /// <summary><c>clip_grad_norm:</c> the largest global gradient norm, more than 0, or null for no clipping.</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary><c>clip_grad_value:</c> the largest absolute gradient value, more than 0, or null for no clipping.</summary>
    public double? ClipGradientValue { get; init; }

    /// <summary><c>early_stopping:</c> when to stop once the monitored metric stops improving, or null to train every epoch.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; init; }

    /// <summary><c>checkpoint.every_batches:</c> also checkpoint every this many batches, or null for once an epoch.</summary>
    public int? CheckpointEveryBatches { get; init; }

    /// <summary><c>checkpoint.restore_best:</c> end with the weights of the best epoch by <c>val_loss</c> (or the early-stopping monitor) (default true).</summary>
    public bool RestoreBestModel { get; init; } = true;

    /// <summary><c>seed:</c> seeds weights, shuffling and dropout; runs repeat bit for bit at the same thread count (default 42).</summary>
    public long Seed { get; init; } = 42;

    /// <summary><c>threads:</c> libtorch's CPU threads, at least 1, or null for libtorch's default.</summary>
    public int? Threads { get; init; }

    /// <summary><c>device:</c> where to train (default <c>cpu</c>).</summary>
    public DeviceChoice Device { get; init; } = DeviceChoice.Cpu;

    /// <summary>Whether <see cref="Loss"/> makes a classification run.</summary>
    public bool IsClassification => Loss == LossKind.CrossEntropy;

    /// <summary>
    /// Every setting that cannot run, by its YAML key: the build checks the same rules on the spec, so this finds only
    /// values set in code or overridden on a command line.
    /// </summary>
    /// <param name="classCount">The model's class count when known, to check <see cref="TopK"/> and <see cref="ClassWeights"/>.</param>
    /// <returns>The problems; empty when the section can run.</returns>
    public IReadOnlyList<SectionProblem> Problems(int? classCount = null)
    {
        var problems = new List<SectionProblem>();
        void Check(bool ok, string key, string message)
        {
            if (!ok)
            {
                problems.Add(new SectionProblem(key, message));
            }
        }

        Check(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", $"must be more than 0 (is {Text(LearningRate)})");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), "weight_decay", $"must be at least 0 (is {Text(WeightDecay)})");
        Check(Momentum is >= 0 and < 1, "momentum", $"must be in [0, 1) (is {Text(Momentum)})");
        Check(Optimizer == OptimizerKind.Sgd || (Momentum == 0 && !Nesterov), Momentum != 0 ? "momentum" : "nesterov", "applies to optimizer sgd only; remove it or use 'optimizer: sgd'");
        Check(!Nesterov || Momentum > 0, "nesterov", "needs a momentum above 0");
        Check(Epochs >= 1, "epochs", $"must be at least 1 (is {Epochs})");
        Check(BatchSize >= 1, "batch_size", $"must be at least 1 (is {BatchSize})");
        Check(WarmupEpochs >= 0 && WarmupEpochs < Math.Max(Epochs, 1), "warmup_epochs", $"must be at least 0 and fewer than the {Epochs} epochs (is {WarmupEpochs})");
        Check(MinLearningRate >= 0 && MinLearningRate < LearningRate, "min_learning_rate", $"must be at least 0 and below learning_rate {Text(LearningRate)} (is {Text(MinLearningRate)})");
        Check(StepSize >= 1, "step_size", $"must be at least 1 (is {StepSize})");
        Check(Gamma is > 0 and <= 1, "gamma", $"must be in (0, 1] (is {Text(Gamma)})");
        Check(LabelSmoothing is >= 0 and < 1, "label_smoothing", $"must be in [0, 1) (is {Text(LabelSmoothing)})");
        Check(IsClassification || LabelSmoothing == 0, "label_smoothing", "applies to loss cross_entropy only");
        Check(HuberDelta > 0 && double.IsFinite(HuberDelta), "huber_delta", $"must be more than 0 (is {Text(HuberDelta)})");
        Check(IsClassification || (!BalancedClassWeights && ClassWeights is null), "class_weights", "applies to loss cross_entropy only");
        Check(!BalancedClassWeights || ClassWeights is null, "class_weights", "is either 'balanced' or a list, not both");
        Check(ClassWeights is null || ClassWeights.All(w => w >= 0 && float.IsFinite(w)), "class_weights", "must all be at least 0");
        Check(ClassWeights is null || classCount is null || ClassWeights.Count == classCount, "class_weights", $"has {ClassWeights?.Count} values but the model has {classCount} classes; give one a class");
        foreach (TrainingMetric metric in Metrics)
        {
            Check((metric == TrainingMetric.Mae) != IsClassification, "metrics", $"'{MetricKey(metric)}' does not apply to loss {LossKey(Loss)}; use {string.Join(", ", MetricsFor(IsClassification).Select(MetricKey))}");
        }

        Check(TopK is null || TopK >= 1, "top_k", $"must be at least 1 (is {TopK})");
        Check(TopK is null || classCount is null || TopK <= classCount, "top_k", $"is {TopK} but the model has {classCount} classes; use at most {classCount}");
        Check(ClipGradientNorm is null || ClipGradientNorm > 0, "clip_grad_norm", $"must be more than 0 (is {ClipGradientNorm})");
        Check(ClipGradientValue is null || ClipGradientValue > 0, "clip_grad_value", $"must be more than 0 (is {ClipGradientValue})");
        if (EarlyStopping is { } stopping)
        {
            Check(stopping.Patience >= 1, "early_stopping.patience", $"must be at least 1 (is {stopping.Patience})");
            Check(stopping.MinDelta >= 0, "early_stopping.min_delta", $"must be at least 0 (is {Text(stopping.MinDelta)})");
            Check(MonitorKeys(IsClassification).Contains(stopping.Monitor, StringComparer.Ordinal), "early_stopping.monitor",
                $"'{stopping.Monitor}' is not recorded by a {(IsClassification ? "classification" : "regression")} run; use one of {string.Join(", ", MonitorKeys(IsClassification))}");
        }

        Check(CheckpointEveryBatches is null || CheckpointEveryBatches >= 1, "checkpoint.every_batches", $"must be at least 1 (is {CheckpointEveryBatches})");
        Check(Seed >= 0, "seed", $"must be at least 0 (is {Seed})");
        Check(Threads is null || Threads >= 1, "threads", $"must be at least 1 (is {Threads})");
        return problems;
    }

    /// <summary>The <see cref="Trainer"/>'s options for this section; run-specific settings (checkpoint path, output folder, callbacks) are the caller's.</summary>
    /// <param name="classCount">The class count of a classification model, or null.</param>
    /// <param name="samplesPerClass">The training split's count of each class, for <c>class_weights: balanced</c>.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">The section has a problem (see <see cref="Problems"/>), or balanced weights lack the counts.</exception>
    public TrainerOptions ToTrainerOptions(int? classCount = null, IReadOnlyList<long>? samplesPerClass = null)
    {
        if (Problems(classCount) is { Count: > 0 } problems)
        {
            throw new ArgumentException("training: " + string.Join("; ", problems));
        }

        IReadOnlyList<float>? weights = ClassWeights;
        if (BalancedClassWeights)
        {
            weights = Training.ClassWeights.Balanced(samplesPerClass ?? throw new ArgumentException("class_weights: balanced needs the training split's class counts.", nameof(samplesPerClass)));
        }

        return new TrainerOptions
        {
            Epochs = Epochs,
            Optimizer = Optimizer,
            LearningRate = LearningRate,
            WeightDecay = WeightDecay,
            Momentum = Momentum,
            Nesterov = Nesterov,
            Schedule = BuildSchedule(),
            ClipGradientNorm = ClipGradientNorm,
            ClipGradientValue = ClipGradientValue,
            Loss = Loss,
            LabelSmoothing = LabelSmoothing,
            HuberDelta = HuberDelta,
            ClassWeights = weights,
            TopK = TopK,
            ClassCount = classCount,
            EarlyStopping = EarlyStopping,
            RestoreBestModel = RestoreBestModel,
            CheckpointEveryBatches = CheckpointEveryBatches,
            Seed = Seed,
            Device = Device,
        };
    }

    /// <summary>The YAML key of <paramref name="metric"/> (<c>topk_accuracy</c>), which is also its runtime metric name.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>Its key.</returns>
    public static string MetricKey(TrainingMetric metric) => metric switch
    {
        TrainingMetric.Accuracy => MetricNames.Accuracy,
        TrainingMetric.TopKAccuracy => MetricNames.TopKAccuracy,
        TrainingMetric.Precision => MetricNames.Precision,
        TrainingMetric.Recall => MetricNames.Recall,
        TrainingMetric.F1 => MetricNames.F1,
        TrainingMetric.Mae => MetricNames.Mae,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>The metrics a run of the task records.</summary>
    /// <param name="classification">Whether the run is a classification.</param>
    /// <returns>The metrics.</returns>
    public static IReadOnlyList<TrainingMetric> MetricsFor(bool classification) =>
        classification ? [TrainingMetric.Accuracy, TrainingMetric.TopKAccuracy, TrainingMetric.Precision, TrainingMetric.Recall, TrainingMetric.F1] : [TrainingMetric.Mae];

    /// <summary>The keys early stopping can monitor in a run of the task: the losses and the validation metrics.</summary>
    /// <param name="classification">Whether the run is a classification.</param>
    /// <returns>The keys, e.g. <c>val_loss</c>, <c>val_accuracy</c>.</returns>
    public static IReadOnlyList<string> MonitorKeys(bool classification) =>
        [MetricNames.ValidationLoss, MetricNames.TrainLoss, .. MetricsFor(classification).Select(m => MetricNames.For(MetricNames.ValidationSplit, MetricKey(m)))];

    private static string LossKey(LossKind loss) => loss switch
    {
        LossKind.CrossEntropy => "cross_entropy",
        _ => loss.ToString().ToLowerInvariant(),
    };

    private LrSchedule? BuildSchedule()
    {
        int rest = Math.Max(1, Epochs - WarmupEpochs);
        LrSchedule schedule = Schedule switch
        {
            ScheduleKind.Cosine => new CosineLrSchedule(rest, MinLearningRate),
            ScheduleKind.Step => new StepLrSchedule(StepSize, Gamma),
            ScheduleKind.Plateau => new ReduceLrOnPlateauSchedule(factor: Gamma, patience: StepSize, minLearningRate: MinLearningRate),
            _ => new ConstantLrSchedule(),
        };
        return WarmupEpochs > 0 ? new WarmupLrSchedule(WarmupEpochs, schedule) : Schedule == ScheduleKind.Constant ? null : schedule;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
