namespace QuickDrawDsl.Runtime.Training;

/// <summary>When to stop training because a monitored metric stopped improving.</summary>
public sealed record EarlyStoppingOptions
{
    /// <summary>Metric key of <see cref="EpochResult.Metrics"/>, e.g. <c>val_loss</c> or <c>val_accuracy</c>.</summary>
    public string Monitor { get; init; } = MetricNames.ValidationLoss;

    /// <summary>Whether smaller or larger is better.</summary>
    public MetricMode Mode { get; init; } = MetricMode.Min;

    /// <summary>Epochs without improvement after which training stops.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Smallest change that counts as an improvement.</summary>
    public double MinDelta { get; init; }
}
