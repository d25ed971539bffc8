using System;

namespace QuickDrawDsl.Runtime.Training.Schedules;

/// <summary>Multiplies the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs: <c>lr = base · gamma^⌊epoch / step⌋</c>.</summary>
public sealed class StepLrSchedule : LrSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepSize">Epochs between decays (at least 1).</param>
    /// <param name="gamma">Decay factor.</param>
    public StepLrSchedule(int stepSize, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gamma);
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>Decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override double LearningRateFor(int epoch, double baseLearningRate) => baseLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
