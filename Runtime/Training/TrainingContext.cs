using System;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>What an <see cref="ITrainingCallback"/> sees of the run: the trainer, the model, and a way to stop.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(Trainer trainer, torch.nn.Module model)
    {
        Trainer = trainer ?? throw new ArgumentNullException(nameof(trainer));
        Model = model ?? throw new ArgumentNullException(nameof(model));
    }

    /// <summary>The trainer (options, device, current learning rate).</summary>
    public Trainer Trainer { get; }

    /// <summary>The model being trained.</summary>
    public torch.nn.Module Model { get; }

    /// <summary>True once a callback asked the run to stop.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Why the run was asked to stop (null when it was not).</summary>
    public string? StopReason { get; private set; }

    /// <summary>Ends the run after the current epoch (its checkpoint and callbacks still run); the result reports it as stopped early.</summary>
    /// <param name="reason">One line for the log, e.g. "val_accuracy reached 0.95".</param>
    public void RequestStop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        StopRequested = true;
        StopReason ??= reason;
    }
}
