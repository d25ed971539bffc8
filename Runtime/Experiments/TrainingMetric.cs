namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>A metric a <c>training:</c> section asks to report (<c>metrics:</c>); its key is the runtime's <see cref="Training.MetricNames"/> name.</summary>
public enum TrainingMetric
{
    /// <summary>Top-1 accuracy (<c>accuracy</c>; classification).</summary>
    Accuracy,

    /// <summary>Top-k accuracy (<c>topk_accuracy</c>; classification, k from <see cref="TrainingSection.TopK"/>).</summary>
    TopKAccuracy,

    /// <summary>Macro precision (<c>precision</c>; classification).</summary>
    Precision,

    /// <summary>Macro recall (<c>recall</c>; classification).</summary>
    Recall,

    /// <summary>Macro F1 (<c>f1</c>; classification).</summary>
    F1,

    /// <summary>Mean absolute error (<c>mae</c>; regression).</summary>
    Mae,
}
