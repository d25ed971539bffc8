using System;
using System.Text.RegularExpressions;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>
/// Keys of the metrics a <see cref="Trainer"/> records: <c>&lt;split&gt;_&lt;metric&gt;</c>, where the split is
/// <c>train</c> and <c>val</c> in <see cref="EpochResult.Metrics"/> and the one passed to <see cref="Trainer.Evaluate"/>
/// (e.g. <c>test</c>) in <see cref="EvaluationResult.Metrics"/>.
/// </summary>
public static partial class MetricNames
{
    /// <summary>The training split's prefix.</summary>
    public const string TrainSplit = "train";

    /// <summary>The validation split's prefix.</summary>
    public const string ValidationSplit = "val";

    /// <summary>The test split's prefix (<see cref="Trainer.Evaluate"/>'s default).</summary>
    public const string TestSplit = "test";

    /// <summary>Mean loss.</summary>
    public const string Loss = "loss";

    /// <summary>Top-1 accuracy (classification).</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Top-k accuracy (classification, k = <see cref="TrainerOptions.TopK"/>, never more than the class count).</summary>
    public const string TopKAccuracy = "topk_accuracy";

    /// <summary>Macro-averaged precision (classification, validation and evaluation).</summary>
    public const string Precision = "precision";

    /// <summary>Macro-averaged recall (classification, validation and evaluation).</summary>
    public const string Recall = "recall";

    /// <summary>Macro-averaged F1 (classification, validation and evaluation).</summary>
    public const string F1 = "f1";

    /// <summary>Mean absolute error (regression).</summary>
    public const string Mae = "mae";

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

    /// <summary>Validation macro F1 (classification).</summary>
    public const string ValidationF1 = "val_f1";

    /// <summary>Validation mean absolute error (regression).</summary>
    public const string ValidationMae = "val_mae";

    /// <summary>The key of <paramref name="metric"/> on <paramref name="split"/>, e.g. <c>For("test", "f1")</c> = <c>test_f1</c>.</summary>
    /// <param name="split">Split prefix.</param>
    /// <param name="metric">Metric name.</param>
    /// <returns>The key.</returns>
    public static string For(string split, string metric) => $"{split}_{metric}";

    internal static void CheckName(string name, string parameter)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a metric or split name: use lower-case letters, digits and underscores, starting with a letter (e.g. 'kl', 'holdout').", parameter);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}
