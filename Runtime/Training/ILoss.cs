using TorchSharp;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>
/// A loss a <see cref="Trainer"/> minimises in place of a built-in <see cref="LossKind"/> (set
/// <see cref="TrainerOptions.CustomLoss"/>). Implement it, or wrap a function with <see cref="Loss.FromFunction"/>.
/// </summary>
public interface ILoss
{
    /// <summary>The loss's name, for messages and logs.</summary>
    string Name { get; }

    /// <summary>Which built-in metrics the trainer records beside the loss.</summary>
    TrainingTask Task { get; }

    /// <summary>The mean loss of one batch, as a scalar tensor that gradients flow back through.</summary>
    /// <param name="output">The model's output for the batch.</param>
    /// <param name="target">The batch's targets.</param>
    /// <returns>A scalar tensor.</returns>
    torch.Tensor Compute(torch.Tensor output, torch.Tensor target);
}
