namespace QuickDrawDsl.Runtime.Training;

/// <summary>The optimizer a <see cref="Trainer"/> builds.</summary>
public enum OptimizerKind
{
    /// <summary>Adam; weight decay is added to the gradient (L2).</summary>
    Adam,

    /// <summary>AdamW; decoupled weight decay.</summary>
    AdamW,

    /// <summary>Stochastic gradient descent with optional momentum (and Nesterov).</summary>
    Sgd,
}
