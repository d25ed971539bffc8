using System;
using System.Globalization;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>
/// Training stopped because a batch's loss (or gradient norm) was NaN or infinite. The step was not taken, so the
/// weights are those after the last finite step, and the checkpoint on disk is the one written after the last
/// complete epoch.
/// </summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">The 1-based epoch.</param>
    /// <param name="batch">The 1-based batch within the epoch.</param>
    /// <param name="value">The non-finite value.</param>
    /// <param name="quantity">What was non-finite: <c>loss</c> or <c>gradient norm</c>.</param>
    /// <param name="checkpointPath">The last good checkpoint, or null when none was written.</param>
    public NonFiniteLossException(int epoch, int batch, double value, string quantity, string? checkpointPath)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"training stopped at epoch {epoch}, batch {batch}: the {quantity} is {value} (non-finite); {(checkpointPath is null ? "no checkpoint was written" : $"the last good checkpoint, {checkpointPath}, is kept")}. Lower the learning rate, clip gradients, or check the data for extreme values"))
    {
        Epoch = epoch;
        Batch = batch;
        Value = value;
        Quantity = quantity;
        CheckpointPath = checkpointPath;
    }

    /// <summary>The 1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>The non-finite value.</summary>
    public double Value { get; }

    /// <summary>What was non-finite: <c>loss</c> or <c>gradient norm</c>.</summary>
    public string Quantity { get; }

    /// <summary>The last good checkpoint, or null when none was written.</summary>
    public string? CheckpointPath { get; }
}
