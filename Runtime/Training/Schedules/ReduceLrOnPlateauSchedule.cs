using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Training.Schedules;

/// <summary>
/// Multiplies the learning rate by <see cref="Factor"/> when <see cref="Monitor"/> has not improved (relative threshold)
/// for more than <see cref="Patience"/> epochs, as PyTorch's <c>ReduceLROnPlateau</c> without cooldown.
/// </summary>
public sealed class ReduceLrOnPlateauSchedule : LrSchedule
{
    private double scale = 1;
    private double best;
    private int badEpochs;

    /// <summary>Creates the schedule.</summary>
    /// <param name="monitor">Metric key, e.g. <c>val_loss</c>.</param>
    /// <param name="mode">Whether smaller or larger is better.</param>
    /// <param name="factor">Multiplier applied on a plateau (0 &lt; factor &lt; 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before reducing.</param>
    /// <param name="threshold">Relative improvement that counts (e.g. 1e-4).</param>
    /// <param name="minLearningRate">Lower bound of the learning rate.</param>
    public ReduceLrOnPlateauSchedule(string monitor = MetricNames.ValidationLoss, MetricMode mode = MetricMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4, double minLearningRate = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        if (factor is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        Monitor = monitor;
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        MinLearningRate = minLearningRate;
        best = mode == MetricMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary>Monitored metric key.</summary>
    public string Monitor { get; }

    /// <summary>Whether smaller or larger is better.</summary>
    public MetricMode Mode { get; }

    /// <summary>Multiplier applied on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Relative improvement threshold.</summary>
    public double Threshold { get; }

    /// <summary>Lower bound of the learning rate.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc />
    public override double LearningRateFor(int epoch, double baseLearningRate) => Math.Max(baseLearningRate * scale, MinLearningRate);

    /// <inheritdoc />
    public override void EpochEnded(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (!metrics.TryGetValue(Monitor, out double value))
        {
            throw new InvalidOperationException($"ReduceLrOnPlateauSchedule monitors '{Monitor}', which this run does not record (it has: {string.Join(", ", metrics.Keys)}).");
        }

        bool improved = Mode == MetricMode.Min ? value < best * (1 - Threshold) : value > best * (1 + Threshold);
        if (improved)
        {
            best = value;
            badEpochs = 0;
        }
        else
        {
            badEpochs++;
        }

        if (badEpochs > Patience)
        {
            scale *= Factor;
            badEpochs = 0;
        }
    }

    /// <inheritdoc />
    public override double[] SaveState() => [scale, best, badEpochs];

    /// <inheritdoc />
    public override void LoadState(IReadOnlyList<double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != 3)
        {
            throw new ArgumentException($"ReduceLrOnPlateauSchedule state has 3 values, got {state.Count}.", nameof(state));
        }

        scale = state[0];
        best = state[1];
        badEpochs = (int)state[2];
    }
}
