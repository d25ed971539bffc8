namespace QuickDrawDsl.Runtime.Training;

/// <summary>Whether a smaller or a larger value of a monitored metric is better.</summary>
public enum MetricMode
{
    /// <summary>Smaller is better (losses, errors).</summary>
    Min,

    /// <summary>Larger is better (accuracies).</summary>
    Max,
}
