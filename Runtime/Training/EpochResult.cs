using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>What one epoch produced.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="LearningRate">Learning rate used in the epoch.</param>
/// <param name="Seconds">Wall-clock seconds of training plus validation.</param>
/// <param name="SamplesPerSecond">Training throughput.</param>
/// <param name="Metrics">Metric values by key (<see cref="MetricNames"/>).</param>
public sealed record EpochResult(int Epoch, double LearningRate, double Seconds, double SamplesPerSecond, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The value of <paramref name="key"/>, or NaN when it was not recorded.</summary>
    /// <param name="key">Metric key.</param>
    /// <returns>The value.</returns>
    public double Get(string key) => Metrics.TryGetValue(key, out double v) ? v : double.NaN;
}
