using System;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>Export refused: a weight holds NaN or infinite values (the model diverged), so the exported model could only output NaN.</summary>
public sealed class NonFiniteWeightsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="weight">The weight's name (a state-dict key or an initializer name).</param>
    /// <param name="count">How many of its values are not finite.</param>
    public NonFiniteWeightsException(string weight, long count)
        : base($"export refused: weight '{weight}' holds {count} NaN or infinite values (the training run diverged); train again with a lower learning rate or cleaner data")
    {
        Weight = weight;
        Count = count;
    }

    /// <summary>The weight's name.</summary>
    public string Weight { get; }

    /// <summary>How many of its values are not finite.</summary>
    public long Count { get; }
}
