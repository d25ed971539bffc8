namespace QuickDrawDsl.Runtime.Training;

/// <summary>Keys of the metrics a <see cref="Trainer"/> records in <see cref="EpochResult.Metrics"/>.</summary>
public static class MetricNames
{
    /// <summary>Mean training loss over the epoch.</summary>
    public const string TrainLoss = "train_loss";

    /// <summary>Training top-1 accuracy (classification).</summary>
    public const string TrainAccuracy = "train_accuracy";

    /// <summary>Training mean absolute error (regression).</summary>
    public const string TrainMae = "train_mae";

    /// <summary>Mean validation loss.</summary>
    public const string ValidationLoss = "val_loss";

    /// <summary>Validation top-1 accuracy (classification).</summary>
    public const string ValidationAccuracy = "val_accuracy";

    /// <summary>Validation top-k accuracy (classification, k = <see cref="TrainerOptions.TopK"/>).</summary>
    public const string ValidationTopKAccuracy = "val_topk_accuracy";

    /// <summary>Validation mean absolute error (regression).</summary>
    public const string ValidationMae = "val_mae";
}
