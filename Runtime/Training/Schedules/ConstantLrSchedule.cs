namespace QuickDrawDsl.Runtime.Training.Schedules;

/// <summary>The base learning rate for every epoch.</summary>
public sealed class ConstantLrSchedule : LrSchedule
{
    /// <inheritdoc />
    public override double LearningRateFor(int epoch, double baseLearningRate) => baseLearningRate;
}
