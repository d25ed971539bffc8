using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>Items with integer class labels (indices into a class-name list).</summary>
/// <typeparam name="T">The item type (a drawing, a 784-byte image, ...).</typeparam>
public sealed class LabeledItems<T>
{
    /// <summary>Creates the set.</summary>
    /// <param name="items">The items.</param>
    /// <param name="labels">One label per item.</param>
    public LabeledItems(IReadOnlyList<T> items, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(labels);
        if (items.Count != labels.Count)
        {
            throw new ArgumentException("items and labels must have the same length", nameof(labels));
        }

        Items = items;
        Labels = labels;
    }

    /// <summary>The items.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The class index of each item.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The number of items.</summary>
    public int Count => Items.Count;

    /// <summary>The labels as an int64 tensor <c>[N]</c> (for cross-entropy); the caller disposes it.</summary>
    /// <param name="device">Where to put it; null for the CPU.</param>
    /// <returns>The tensor.</returns>
    public Tensor LabelsTensor(Device? device = null)
    {
        long[] values = new long[Labels.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Labels[i];
        }

        TorchNative.EnsureLoaded();
        return torch.tensor(values, new long[] { values.Length }, device: device);
    }
}
