using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Training.Schedules;

/// <summary>
/// A learning-rate schedule stepped once per epoch: the trainer asks <see cref="LearningRateFor"/> before each epoch
/// and reports the epoch's metrics to <see cref="EpochEnded"/> after it. State that is not a function of the epoch
/// (reduce-on-plateau) round-trips through <see cref="SaveState"/> / <see cref="LoadState"/> in checkpoints.
/// </summary>
public abstract class LrSchedule
{
    /// <summary>The learning rate for <paramref name="epoch"/>.</summary>
    /// <param name="epoch">0-based epoch about to run.</param>
    /// <param name="baseLearningRate">The optimizer's configured learning rate.</param>
    /// <returns>The learning rate to use.</returns>
    public abstract double LearningRateFor(int epoch, double baseLearningRate);

    /// <summary>Receives the metrics of a finished epoch.</summary>
    /// <param name="epoch">0-based epoch that finished.</param>
    /// <param name="metrics">Its metrics (keys from <see cref="MetricNames"/>).</param>
    public virtual void EpochEnded(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
    }

    /// <summary>The mutable state, as numbers.</summary>
    /// <returns>State values; empty for stateless schedules.</returns>
    public virtual double[] SaveState() => [];

    /// <summary>Restores what <see cref="SaveState"/> returned.</summary>
    /// <param name="state">State values.</param>
    /// <exception cref="ArgumentException">The state does not belong to this kind of schedule.</exception>
    public virtual void LoadState(IReadOnlyList<double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != 0)
        {
            throw new ArgumentException($"{GetType().Name} has no state, got {state.Count} values.", nameof(state));
        }
    }
}
