using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Generator.Model.Sections;

/// <summary>
/// Every key of the <c>training:</c> and <c>data:</c> sections. The defaults are the runtime records' defaults
/// (<c>QuickDrawDsl.Runtime.Experiments.TrainingSection</c>/<c>DataSection</c>); a compile test checks they agree.
/// </summary>
internal static class SectionCatalog
{
    public const string TrainingKey = "training";

    public const string DataKey = "data";

    private const string Experiments = "global::QuickDrawDsl.Runtime.Experiments";

    private const string Training = "global::QuickDrawDsl.Runtime.Training";

    public static readonly string[] ClassificationFormats = ["quickdraw_ndjson", "quickdraw_raw", "quickdraw_bin", "quickdraw_cache", "npy", "npz", "video_clips"];

    public static readonly string[] DrawingFormats = ["quickdraw_ndjson", "quickdraw_raw", "quickdraw_bin", "quickdraw_cache", "npz"];

    public static readonly string[] ClassificationMetrics = ["accuracy", "topk_accuracy", "precision", "recall", "f1"];

    public static readonly string[] RegressionMetrics = ["mae"];

    public static readonly SettingDefinition[] TrainingSettings =
    [
        Choice("optimizer", "Optimizer", "The optimizer.", "adam", Training + ".OptimizerKind", ("adam", "Adam"), ("adamw", "AdamW"), ("sgd", "Sgd")),
        Float("learning_rate", "LearningRate", "The base learning rate.", "0.001", min: 0, minExclusive: true),
        Float("weight_decay", "WeightDecay", "L2 (adam, sgd) or decoupled (adamw) weight decay.", "0", min: 0),
        Float("momentum", "Momentum", "SGD momentum (sgd only).", "0", min: 0, max: 1, maxExclusive: true),
        Bool("nesterov", "Nesterov", "Nesterov momentum (sgd only).", "false"),
        Int("epochs", "Epochs", "Passes over the training data.", "10", min: 1),
        Int("batch_size", "BatchSize", "Samples a step.", "32", min: 1),
        Int("warmup_epochs", "WarmupEpochs", "Epochs of linear learning-rate warm-up before the schedule; fewer than epochs.", "0", min: 0),
        Choice("schedule", "Schedule", "The learning-rate schedule after warm-up.", "constant", Experiments + ".ScheduleKind", ("constant", "Constant"), ("cosine", "Cosine"), ("step", "Step"), ("plateau", "Plateau")),
        Float("min_learning_rate", "MinLearningRate", "The floor of the cosine and plateau schedules; below learning_rate.", "0", min: 0),
        Int("step_size", "StepSize", "Epochs between decays (step) or without improvement before one (plateau).", "10", min: 1),
        Float("gamma", "Gamma", "The decay factor of the step and plateau schedules.", "0.1", min: 0, minExclusive: true, max: 1),
        Choice("loss", "Loss", "The loss: cross_entropy makes a classification run, the others a regression run.", "cross_entropy", Training + ".LossKind", ("cross_entropy", "CrossEntropy"), ("mse", "Mse"), ("mae", "Mae"), ("huber", "Huber")),
        Float("label_smoothing", "LabelSmoothing", "Label smoothing (cross_entropy only).", "0", min: 0, max: 1, maxExclusive: true),
        Float("huber_delta", "HuberDelta", "Where the Huber loss turns linear (huber only).", "1", min: 0, minExclusive: true),
        new("class_weights", SettingKind.ClassWeights, "ClassWeights", "Class weights (cross_entropy only): none, balanced (from the training split's counts) or one weight a class.") { Default = "none", Choices = ["none", "balanced"] },
        new("metrics", SettingKind.ChoiceList, "Metrics", "The metrics to report; empty reports every metric of the task.")
        {
            Default = "[]",
            Choices = ["accuracy", "topk_accuracy", "precision", "recall", "f1", "mae"],
            Members = ["Accuracy", "TopKAccuracy", "Precision", "Recall", "F1", "Mae"],
            EnumType = Experiments + ".TrainingMetric",
        },
        Int("top_k", "TopK", "k of topk_accuracy; at most the class count (default min(5, classes - 1)).", null, min: 1),
        Float("clip_grad_norm", "ClipGradientNorm", "The largest global gradient norm (none: no clipping).", null, min: 0, minExclusive: true),
        Float("clip_grad_value", "ClipGradientValue", "The largest absolute gradient value (none: no clipping).", null, min: 0, minExclusive: true),
        new("early_stopping", SettingKind.Group, "EarlyStopping", "Stop when the monitored metric stops improving (absent: train every epoch).")
        {
            GroupType = Training + ".EarlyStoppingOptions",
            Children =
            [
                Text("monitor", "Monitor", "The metric to watch: val_loss, train_loss or val_<metric>.", "val_loss"),
                Choice("mode", "Mode", "Whether smaller or larger is better (default: max for accuracies, min for losses and errors).", null, Training + ".MetricMode", ("min", "Min"), ("max", "Max")),
                Int("patience", "Patience", "Epochs without improvement before stopping.", "5", min: 1),
                Float("min_delta", "MinDelta", "The smallest change that counts as an improvement.", "0", min: 0),
            ],
        },
        new("checkpoint", SettingKind.Group, "Checkpoint", "Checkpointing: a checkpoint is written every epoch into the run folder.")
        {
            Children =
            [
                Int("every_batches", "CheckpointEveryBatches", "Also checkpoint every this many batches (none: once an epoch).", null, min: 1),
                Bool("restore_best", "RestoreBestModel", "End with the weights of the best epoch.", "true"),
            ],
        },
        new("seed", SettingKind.Long, "Seed", "Seeds weights, shuffling and dropout.") { Default = "42", Min = 0 },
        Int("threads", "Threads", "libtorch's CPU threads (none: libtorch's default).", null, min: 1),
        Choice("device", "Device", "Where to train: cpu, cuda, or auto (cuda when available).", "cpu", Training + ".DeviceChoice", ("cpu", "Cpu"), ("cuda", "Cuda"), ("auto", "Auto")),
    ];

    public static readonly SettingDefinition[] DataSettings =
    [
        Required(Choice("format", "Format", "The data's format.", null, Experiments + ".DataFormat",
            ("quickdraw_ndjson", "QuickDrawNdjson"), ("quickdraw_raw", "QuickDrawRaw"), ("quickdraw_bin", "QuickDrawBin"), ("quickdraw_cache", "QuickDrawCache"),
            ("npy", "Npy"), ("npz", "Npz"), ("csv", "Csv"), ("video_clips", "VideoClips"))),
        Text("path", "Path", "The file or folder, relative to the working directory (none: the command line's --data).", null),
        Int("max_points", "MaxPoints", "Cut drawings to this many points (none: whole).", null, min: 1, formats: DrawingFormats),
        Int("max_per_class", "MaxPerClass", "Read at most this many examples a class (none: all).", null, min: 1, formats: ClassificationFormats),
        Text("column", "Column", "The CSV column to forecast (none: the last numeric column).", null, formats: ["csv"]),
        Int("window", "Window", "Time steps the model sees (required for csv).", null, min: 1, formats: ["csv"]),
        Int("horizon", "Horizon", "Time steps it predicts (none: 1).", null, min: 1, formats: ["csv"]),
        ForFormats(Choice("normalize", "Normalize", "How the series is scaled, with the training split's statistics.", "standard", Experiments + ".Normalization", ("none", "None"), ("standard", "Standard"), ("minmax", "MinMax")), "csv"),
        Int("frames", "Frames", "Frames sampled a clip (required for video_clips).", null, min: 1, formats: ["video_clips"]),
        Int("frame_size", "FrameSize", "Frames are resized to this many pixels a side (required for video_clips).", null, min: 1, formats: ["video_clips"]),
        Text("array_key", "ArrayKey", "The array of the .npz archive to read (none: its first).", null, formats: ["npz"]),
        new("splits", SettingKind.Group, "Splits", "The held-out splits.")
        {
            Children =
            [
                Float("validation", "ValidationFraction", "The share held out for validation.", "0.1", min: 0, max: 1, maxExclusive: true),
                Float("test", "TestFraction", "The share held out for the test split.", "0.1", min: 0, max: 1, maxExclusive: true),
                ForFormats(Choice("by", "SplitBy", "How QuickDraw drawing files assign records to splits: by a hash of the key id, or by position in each file (other formats split their own way).", "hash", Experiments + ".SplitMethod", ("hash", "Hash"), ("position", "Position")), "quickdraw_ndjson", "quickdraw_raw", "quickdraw_bin"),
            ],
        },
        Bool("shuffle", "Shuffle", "Shuffle the training split every epoch.", "true"),
        Float("max_bad_fraction", "MaxBadFraction", "The share of bad records tolerated before a run refuses its data.", "0.05", min: 0, max: 1),
    ];

    public static IReadOnlyList<SettingDefinition> For(string section) => section == TrainingKey ? TrainingSettings : DataSettings;

    /// <summary>Every key with its group's prefix (<c>early_stopping.patience</c>), in catalog order.</summary>
    public static IEnumerable<(string Key, SettingDefinition Definition)> Flattened(IEnumerable<SettingDefinition> settings, string prefix = "") =>
        settings.SelectMany(s => s.Kind == SettingKind.Group
            ? Flattened(s.Children, prefix + s.Key + ".")
            : [(prefix + s.Key, s)]);

    private static SettingDefinition Int(string key, string property, string summary, string? defaultText, double? min = null, string[]? formats = null) =>
        new(key, SettingKind.Int, property, summary) { Default = defaultText, Min = min, Max = int.MaxValue, Formats = formats ?? [] };

    private static SettingDefinition Float(string key, string property, string summary, string? defaultText, double? min = null, bool minExclusive = false, double? max = null, bool maxExclusive = false) =>
        new(key, SettingKind.Float, property, summary) { Default = defaultText, Min = min, MinExclusive = minExclusive, Max = max, MaxExclusive = maxExclusive };

    private static SettingDefinition Bool(string key, string property, string summary, string defaultText) =>
        new(key, SettingKind.Bool, property, summary) { Default = defaultText };

    private static SettingDefinition Text(string key, string property, string summary, string? defaultText, string[]? formats = null) =>
        new(key, SettingKind.Text, property, summary) { Default = defaultText, Formats = formats ?? [] };

    private static SettingDefinition Choice(string key, string property, string summary, string? defaultText, string enumType, params (string Choice, string Member)[] choices) =>
        new(key, SettingKind.Choice, property, summary)
        {
            Default = defaultText,
            EnumType = enumType,
            Choices = choices.Select(c => c.Choice).ToArray(),
            Members = choices.Select(c => c.Member).ToArray(),
        };

    private static SettingDefinition Required(SettingDefinition d) =>
        new(d.Key, d.Kind, d.Property, d.Summary) { Default = d.Default, EnumType = d.EnumType, Choices = d.Choices, Members = d.Members, Required = true };

    private static SettingDefinition ForFormats(SettingDefinition d, params string[] formats) =>
        new(d.Key, d.Kind, d.Property, d.Summary) { Default = d.Default, EnumType = d.EnumType, Choices = d.Choices, Members = d.Members, Formats = formats };
}
