using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>
/// Mini-batch index order for an epoch: indices 0..count-1, shuffled (Fisher-Yates with the given
/// <see cref="Random"/>) or in order, cut into batches. Pick items by these indices, then pad with
/// <see cref="PaddedStrokeBatch"/>.
/// </summary>
public static class BatchOrder
{
    /// <summary>Cuts 0..count-1 into batches.</summary>
    /// <param name="count">The number of items.</param>
    /// <param name="batchSize">The batch size (at least 1).</param>
    /// <param name="random">Shuffles the order when given (seed it for reproducible epochs); null keeps it.</param>
    /// <param name="dropLast">Leave out a last batch smaller than <paramref name="batchSize"/>.</param>
    /// <returns>The batches of indices, lazily.</returns>
    public static IEnumerable<int[]> Batches(int count, int batchSize, Random? random = null, bool dropLast = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        random?.Shuffle(order);
        return Cut(order, batchSize, dropLast);
    }

    private static IEnumerable<int[]> Cut(int[] order, int batchSize, bool dropLast)
    {
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int size = Math.Min(batchSize, order.Length - start);
            if (size < batchSize && dropLast)
            {
                yield break;
            }

            yield return order.AsSpan(start, size).ToArray();
        }
    }
}
