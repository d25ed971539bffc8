using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>An <see cref="IDataset{T}"/> over samples already in memory.</summary>
/// <typeparam name="T">Sample type.</typeparam>
public sealed class ListDataset<T> : IDataset<T>
{
    private readonly IReadOnlyList<T> items;

    /// <summary>Wraps <paramref name="items"/> (not copied).</summary>
    /// <param name="items">The samples.</param>
    public ListDataset(IReadOnlyList<T> items)
    {
        this.items = items ?? throw new ArgumentNullException(nameof(items));
    }

    /// <inheritdoc />
    public int Count => items.Count;

    /// <inheritdoc />
    public T Get(int index) => items[index];
}
