using System;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>
/// One collated mini-batch: inputs, targets and, for padded sequences, the valid length of each sample.
/// The tensors belong to the dispose scope that was current when the batch was collated.
/// </summary>
public sealed class Batch : IDisposable
{
    /// <summary>Creates a batch.</summary>
    /// <param name="inputs">Model input, batch-first.</param>
    /// <param name="targets">Targets, batch-first (class indices int64 or regression values).</param>
    /// <param name="lengths">Valid lengths int64 <c>[B]</c> for padded sequences; null otherwise.</param>
    public Batch(torch.Tensor inputs, torch.Tensor targets, torch.Tensor? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.shape.Length == 0 || targets.shape.Length == 0 || inputs.shape[0] != targets.shape[0])
        {
            throw new ArgumentException($"inputs and targets must share the batch dimension (inputs [{string.Join(", ", inputs.shape)}], targets [{string.Join(", ", targets.shape)}]).", nameof(targets));
        }

        if (lengths is not null && (lengths.shape.Length != 1 || lengths.shape[0] != inputs.shape[0]))
        {
            throw new ArgumentException($"lengths must be [B] = [{inputs.shape[0]}], got [{string.Join(", ", lengths.shape)}].", nameof(lengths));
        }

        Inputs = inputs;
        Targets = targets;
        Lengths = lengths;
    }

    /// <summary>Model input, batch-first.</summary>
    public torch.Tensor Inputs { get; }

    /// <summary>Targets, batch-first.</summary>
    public torch.Tensor Targets { get; }

    /// <summary>Valid lengths int64 <c>[B]</c>, or null when the inputs are not padded sequences.</summary>
    public torch.Tensor? Lengths { get; }

    /// <summary>Number of samples in the batch.</summary>
    public int Count => (int)Inputs.shape[0];

    /// <summary>Copies the batch to <paramref name="device"/> (returns this batch when it is already there).</summary>
    /// <param name="device">Target device.</param>
    /// <returns>A batch on <paramref name="device"/>.</returns>
    public Batch To(torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (Inputs.device == device)
        {
            return this;
        }

        // Lengths stay on the CPU: pack_padded_sequence wants them there.
        return new Batch(Inputs.to(device), Targets.to(device), Lengths);
    }

    /// <summary>Disposes the tensors now instead of waiting for the enclosing dispose scope.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        Lengths?.Dispose();
    }
}
