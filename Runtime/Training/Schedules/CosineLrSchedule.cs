using System;

namespace QuickDrawDsl.Runtime.Training.Schedules;

/// <summary>
/// Cosine annealing from the base rate to <see cref="MinLearningRate"/> over <see cref="Period"/> epochs:
/// <c>lr = min + (base − min) · (1 + cos(π · epoch / period)) / 2</c>, held at the minimum after the period.
/// </summary>
public sealed class CosineLrSchedule : LrSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="period">Epochs to anneal over (T_max, at least 1).</param>
    /// <param name="minLearningRate">Final learning rate.</param>
    public CosineLrSchedule(int period, double minLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minLearningRate);
        Period = period;
        MinLearningRate = minLearningRate;
    }

    /// <summary>Epochs to anneal over.</summary>
    public int Period { get; }

    /// <summary>Final learning rate.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc />
    public override double LearningRateFor(int epoch, double baseLearningRate)
    {
        int t = Math.Min(epoch, Period);
        return MinLearningRate + ((baseLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * t / Period)) / 2);
    }
}
