namespace QuickDrawDsl.Runtime.Training;

/// <summary>What a loss trains for; it decides which built-in metrics a <see cref="Trainer"/> records.</summary>
public enum TrainingTask
{
    /// <summary>Logits with the class dimension last and int64 class targets: accuracy, top-k, precision, recall, F1 and a confusion matrix.</summary>
    Classification,

    /// <summary>Outputs and targets with the same number of values: mean absolute error.</summary>
    Regression,

    /// <summary>Anything else (e.g. a VAE's packed output): only the loss and the custom <see cref="TrainerOptions.Metrics"/>.</summary>
    Custom,
}
