using TorchSharp;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>
/// A metric the <see cref="Trainer"/> accumulates over a pass (Keras-style stateful metric): reset at the start of every
/// training and validation pass, updated once per batch without gradients, read at the end. Recorded as
/// <c>train_&lt;Name&gt;</c>, <c>val_&lt;Name&gt;</c> and, from <see cref="Trainer.Evaluate"/>, <c>&lt;split&gt;_&lt;Name&gt;</c>.
/// Implement it, or wrap a per-batch function with <see cref="Metric.Mean"/>.
/// </summary>
public interface IMetric
{
    /// <summary>The key suffix (lower-case letters, digits and underscores), e.g. <c>kl</c> records <c>val_kl</c>.</summary>
    string Name { get; }

    /// <summary>Forgets everything accumulated.</summary>
    void Reset();

    /// <summary>Accumulates one batch.</summary>
    /// <param name="output">The model's output for the batch.</param>
    /// <param name="target">The batch's targets.</param>
    void Update(torch.Tensor output, torch.Tensor target);

    /// <summary>The value over everything accumulated since <see cref="Reset"/> (NaN when nothing was).</summary>
    /// <returns>The value.</returns>
    double Result();
}
