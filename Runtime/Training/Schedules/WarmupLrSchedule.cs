using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Training.Schedules;

/// <summary>
/// Linear warm-up before another schedule: epoch <c>e</c> &lt; <see cref="WarmupEpochs"/> runs at
/// <c>base · (e + 1) / (warmup + 1)</c>, then <see cref="After"/> takes over with its epochs counted from the end of the
/// warm-up. Large learning rates (and Adam's early, badly estimated moments) then meet a settled network.
/// </summary>
public sealed class WarmupLrSchedule : LrSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="warmupEpochs">Epochs of warm-up (at least 1).</param>
    /// <param name="after">The schedule after the warm-up.</param>
    public WarmupLrSchedule(int warmupEpochs, LrSchedule after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupEpochs, 1);
        ArgumentNullException.ThrowIfNull(after);
        WarmupEpochs = warmupEpochs;
        After = after;
    }

    /// <summary>Epochs of warm-up.</summary>
    public int WarmupEpochs { get; }

    /// <summary>The schedule after the warm-up.</summary>
    public LrSchedule After { get; }

    /// <inheritdoc />
    public override double LearningRateFor(int epoch, double baseLearningRate) =>
        epoch < WarmupEpochs ? baseLearningRate * (epoch + 1) / (WarmupEpochs + 1) : After.LearningRateFor(epoch - WarmupEpochs, baseLearningRate);

    /// <inheritdoc />
    public override void EpochEnded(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (epoch >= WarmupEpochs)
        {
            After.EpochEnded(epoch - WarmupEpochs, metrics);
        }
    }

    /// <inheritdoc />
    public override double[] SaveState() => After.SaveState();

    /// <inheritdoc />
    public override void LoadState(IReadOnlyList<double> state) => After.LoadState(state);
}
