namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>How a <c>data:</c> section scales a CSV series (<c>normalize:</c>); statistics come from the training split only.</summary>
public enum Normalization
{
    /// <summary>Values as read (<c>none</c>).</summary>
    None,

    /// <summary>Zero mean, unit variance (<c>standard</c>).</summary>
    Standard,

    /// <summary>Scaled into [0, 1] (<c>minmax</c>).</summary>
    MinMax,
}
