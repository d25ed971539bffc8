using System;
using System.Collections.Generic;
using TorchSharp;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>
/// The windows of one split for one task, cut as <c>keras.utils.timeseries_dataset_from_array</c> cuts them: window n
/// holds days n .. n+55 of the split, and every target lies inside the split too.
/// </summary>
/// <param name="Task">What the targets are.</param>
/// <param name="Inputs">Row-major <c>[Count, 56, Features]</c>, scaled.</param>
/// <param name="Targets">Row-major, shaped <see cref="TargetShape"/>, scaled.</param>
/// <param name="Count">N, the number of windows.</param>
/// <param name="Features">Input features per day.</param>
/// <param name="TargetShape">The target tensor's shape, batch first.</param>
/// <param name="TargetDates">The dates of the first window's targets (one date per forecast day; for the aligned seq2seq task, those of its last step).</param>
/// <param name="LastTargetDate">The last date any target of the last window falls on.</param>
internal sealed record BookWindows(BookTask Task, float[] Inputs, float[] Targets, int Count, int Features, long[] TargetShape, IReadOnlyList<DateOnly> TargetDates, DateOnly LastTargetDate)
{
    /// <summary>Targets per window.</summary>
    public int TargetsPerWindow => Targets.Length / Math.Max(1, Count);

    /// <summary>The inputs and targets of windows <paramref name="ids"/> as one batch.</summary>
    public (torch.Tensor Inputs, torch.Tensor Targets) Batch(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        int inputSize = BookProtocol.Window * Features;
        int targetSize = TargetsPerWindow;
        var inputs = new float[ids.Count * inputSize];
        var targets = new float[ids.Count * targetSize];
        for (int i = 0; i < ids.Count; i++)
        {
            Array.Copy(Inputs, (long)ids[i] * inputSize, inputs, (long)i * inputSize, inputSize);
            Array.Copy(Targets, (long)ids[i] * targetSize, targets, (long)i * targetSize, targetSize);
        }

        long[] shape = (long[])TargetShape.Clone();
        shape[0] = ids.Count;
        return (torch.tensor(inputs, [ids.Count, BookProtocol.Window, Features]), torch.tensor(targets, shape));
    }
}
