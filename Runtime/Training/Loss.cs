using System;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Builds <see cref="ILoss"/> values from functions, Keras-style (<c>model.compile(loss=my_function)</c>).</summary>
public static class Loss
{
    /// <summary>Wraps <paramref name="function"/> as a loss.</summary>
    /// <param name="name">Name for messages and logs.</param>
    /// <param name="task">Which built-in metrics the trainer records beside it.</param>
    /// <param name="function">(output, target) → scalar mean loss.</param>
    /// <returns>The loss.</returns>
    public static ILoss FromFunction(string name, TrainingTask task, Func<torch.Tensor, torch.Tensor, torch.Tensor> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        return new FunctionLoss(name, task, function);
    }

    private sealed record FunctionLoss(string Name, TrainingTask Task, Func<torch.Tensor, torch.Tensor, torch.Tensor> Function) : ILoss
    {
        public torch.Tensor Compute(torch.Tensor output, torch.Tensor target) => Function(output, target);
    }
}
