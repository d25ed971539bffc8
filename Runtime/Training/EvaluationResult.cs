using System.Collections.Generic;
using QuickDrawDsl.Runtime.Training.Metrics;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Metrics of one pass over a data set without training.</summary>
/// <param name="Metrics">Values keyed like the validation metrics (<c>val_loss</c>, <c>val_accuracy</c>, <c>val_topk_accuracy</c>, <c>val_mae</c>).</param>
/// <param name="Confusion">Confusion matrix (classification), or null.</param>
/// <param name="SampleCount">Samples evaluated.</param>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, ConfusionMatrix? Confusion, long SampleCount);
