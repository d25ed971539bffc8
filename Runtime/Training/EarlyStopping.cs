using System;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Tracks the best value of a metric and how long it has not improved (Keras semantics: stop when <c>Wait ≥ Patience</c>).</summary>
public sealed class EarlyStopping
{
    /// <summary>Creates a tracker.</summary>
    /// <param name="options">Monitored metric, mode, patience, minimum delta.</param>
    public EarlyStopping(EarlyStoppingOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patience, "options.Patience");
        Best = options.Mode == MetricMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary>The options.</summary>
    public EarlyStoppingOptions Options { get; }

    /// <summary>Best value seen so far (±infinity before the first update).</summary>
    public double Best { get; private set; }

    /// <summary>0-based epoch of <see cref="Best"/>; -1 before the first update.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>True once <see cref="Wait"/> has reached the patience.</summary>
    public bool ShouldStop => Wait >= Options.Patience && BestEpoch >= 0;

    /// <summary>Records the metric of one epoch.</summary>
    /// <param name="epoch">0-based epoch.</param>
    /// <param name="value">The monitored value.</param>
    /// <returns>True when this value is a new best.</returns>
    public bool Update(int epoch, double value)
    {
        bool improved = !double.IsNaN(value) && (Options.Mode == MetricMode.Min
            ? value < Best - Options.MinDelta
            : value > Best + Options.MinDelta);
        if (improved)
        {
            Best = value;
            BestEpoch = epoch;
            Wait = 0;
        }
        else
        {
            Wait++;
        }

        return improved;
    }

    /// <summary>Restores a saved state (used when resuming from a checkpoint).</summary>
    /// <param name="best">Best value.</param>
    /// <param name="bestEpoch">Epoch of the best value.</param>
    /// <param name="wait">Epochs since the last improvement.</param>
    public void Restore(double best, int bestEpoch, int wait)
    {
        Best = best;
        BestEpoch = bestEpoch;
        Wait = wait;
    }
}
