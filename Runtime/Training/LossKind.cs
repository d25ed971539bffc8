namespace QuickDrawDsl.Runtime.Training;

/// <summary>The loss a <see cref="Trainer"/> minimizes. Cross-entropy makes it a classification run (accuracy metrics), the others a regression run (MAE).</summary>
public enum LossKind
{
    /// <summary>Cross-entropy on logits with int64 class targets, optionally label-smoothed; class dimension last.</summary>
    CrossEntropy,

    /// <summary>Mean squared error.</summary>
    Mse,

    /// <summary>Huber loss (quadratic below delta, linear above).</summary>
    Huber,

    /// <summary>Mean absolute error (L1).</summary>
    Mae,
}
