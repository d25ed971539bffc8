using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>A deterministic rule that assigns items to train, validation and test.</summary>
public abstract class SplitPolicy
{
    /// <summary>Assigns one item.</summary>
    /// <param name="keyId">The item's stable id (a drawing's key_id).</param>
    /// <param name="indexInClass">How many items of the same class came before it (0-based).</param>
    /// <returns>The split.</returns>
    public abstract DataSplit Assign(ulong keyId, int indexInClass);

    /// <summary>Assigns every item of a stream, counting positions per class; streams, keeps only the per-class counters.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <param name="classOf">The class of an item.</param>
    /// <param name="keyOf">The stable id of an item.</param>
    /// <returns>Each item with its split (including <see cref="DataSplit.None"/>), lazily.</returns>
    public IEnumerable<SplitAssignment<T>> Apply<T>(IEnumerable<T> items, Func<T, string> classOf, Func<T, ulong> keyOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(classOf);
        ArgumentNullException.ThrowIfNull(keyOf);
        return ApplyCore(items, classOf, keyOf);
    }

    /// <summary>Assigns drawings by <see cref="Drawing.Word"/> and <see cref="Drawing.KeyId"/>.</summary>
    /// <param name="drawings">The drawings, in order.</param>
    /// <returns>Each drawing with its split, lazily.</returns>
    public IEnumerable<SplitAssignment<Drawing>> Apply(IEnumerable<Drawing> drawings) =>
        Apply(drawings, d => d.Word, d => d.KeyId);

    private IEnumerable<SplitAssignment<T>> ApplyCore<T>(IEnumerable<T> items, Func<T, string> classOf, Func<T, ulong> keyOf)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (T item in items)
        {
            string cls = classOf(item);
            int index = counts.GetValueOrDefault(cls);
            counts[cls] = index + 1;
            yield return new SplitAssignment<T>(item, Assign(keyOf(item), index), index);
        }
    }
}
