using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.Runtime.Training.Schedules;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Everything a <see cref="Trainer"/> needs besides the model and the data. Defaults: Adam 1e-3, cross-entropy, 10 epochs, CPU.</summary>
public sealed record TrainerOptions
{
    /// <summary>Epochs to train (the total, also when resuming).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Base learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum (ignored by Adam/AdamW).</summary>
    public double Momentum { get; init; }

    /// <summary>Nesterov momentum for SGD.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Weight decay (L2 for Adam/SGD, decoupled for AdamW).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule, stepped per epoch (null: constant).</summary>
    public LrSchedule? Schedule { get; init; }

    /// <summary>Clip the global L2 norm of the gradients to this value (null: off).</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>Clamp every gradient element to ±this value (null: off).</summary>
    public double? ClipGradientValue { get; init; }

    /// <summary>Built-in loss (ignored when <see cref="CustomLoss"/> is set).</summary>
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary>A loss of your own, minimised in place of <see cref="Loss"/>; its <see cref="ILoss.Task"/> picks the built-in metrics.</summary>
    public ILoss? CustomLoss { get; init; }

    /// <summary>Extra metrics recorded for every pass as <c>train_&lt;name&gt;</c>, <c>val_&lt;name&gt;</c> (and <c>&lt;split&gt;_&lt;name&gt;</c> by <see cref="Trainer.Evaluate"/>).</summary>
    public IReadOnlyList<IMetric> Metrics { get; init; } = [];

    /// <summary>Hooks called at the start and end of the run, of every epoch and after every training step.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Cross-entropy weight per class, in label order (null: all 1); <see cref="ClassWeights.Balanced"/> computes them from class counts.</summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary>Label smoothing ε for cross-entropy.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Delta of the Huber loss.</summary>
    public double HuberDelta { get; init; } = 1.0;

    /// <summary>
    /// k of the top-k accuracy. Null: 5, lowered to one less than the class count when there are 5 classes or fewer
    /// (with k equal to the class count every sample counts as correct). Never more than the class count: a larger
    /// value is refused when <see cref="ClassCount"/> is known and lowered to it otherwise.
    /// </summary>
    public int? TopK { get; init; }

    /// <summary>Number of classes, for the confusion matrix (null: inferred from the first validation output).</summary>
    public int? ClassCount { get; init; }

    /// <summary>Class names for the confusion-matrix plot (null: indices).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Early stopping; also the metric that picks the best model. Null: no early stopping, best = lowest validation loss.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; init; }

    /// <summary>Load the best epoch's weights into the model at the end.</summary>
    public bool RestoreBestModel { get; init; } = true;

    /// <summary>Seed for <c>torch.random.manual_seed</c> and the shuffling generator.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Device.</summary>
    public DeviceChoice Device { get; init; } = DeviceChoice.Cpu;

    /// <summary>Checkpoint file written after every epoch (atomically); null: none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// Also write the checkpoint every this many training batches inside an epoch (null: only at the end of each epoch).
    /// A run killed mid-epoch then continues from the last such batch and reaches bit-identical weights to an
    /// uninterrupted run (same seed and thread count); the training loader must be an
    /// <see cref="QuickDrawDsl.Runtime.Data.Batching.IResumableBatchLoader"/>, and random augmentation must come from
    /// <see cref="QuickDrawDsl.Runtime.Data.Batching.BatchContext"/>, not from a generator of its own.
    /// </summary>
    public int? CheckpointEveryBatches { get; init; }

    /// <summary>Continue from <see cref="CheckpointPath"/> when that file exists.</summary>
    public bool Resume { get; init; } = true;

    /// <summary>Folder for <c>metrics.csv</c>, TensorBoard event files and PNG plots; null: none written.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Write TensorBoard event files under <c>OutputDirectory/tensorboard</c>.</summary>
    public bool TensorBoard { get; init; } = true;

    /// <summary>Progress display.</summary>
    public ProgressMode Progress { get; init; } = ProgressMode.Auto;

    /// <summary>Plain mode: a line every this many batches (0: epoch lines only).</summary>
    public int LogEveryBatches { get; init; } = 50;

    /// <summary>Where plain log lines go (null: <see cref="System.Console.Out"/>).</summary>
    public TextWriter? Log { get; init; }
}
