using System.Collections.Generic;
using QuickDrawDsl.Runtime.Training.Metrics;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Metrics of one pass over a data set without training (<see cref="Trainer.Evaluate"/>).</summary>
/// <param name="Split">The split's name, the prefix of every key (e.g. <c>test</c>).</param>
/// <param name="Metrics">Values keyed <c>&lt;split&gt;_&lt;metric&gt;</c> (<c>test_loss</c>, <c>test_accuracy</c>, <c>test_topk_accuracy</c>, <c>test_precision</c>, <c>test_recall</c>, <c>test_f1</c>, <c>test_mae</c>, custom metrics).</param>
/// <param name="Confusion">Confusion matrix (classification), or null.</param>
/// <param name="SampleCount">Samples evaluated.</param>
/// <param name="TopK">k of the top-k accuracy (classification; never more than the class count), or 0.</param>
public sealed record EvaluationResult(string Split, IReadOnlyDictionary<string, double> Metrics, ConfusionMatrix? Confusion, long SampleCount, int TopK)
{
    /// <summary>The value of <paramref name="metric"/> (without the split prefix, e.g. <c>loss</c> or <see cref="MetricNames.F1"/>), or NaN when it was not recorded.</summary>
    /// <param name="metric">Metric name.</param>
    public double this[string metric] => Metrics.TryGetValue(MetricNames.For(Split, metric), out double v) ? v : double.NaN;
}
