using System;

namespace QuickDrawDsl.Runtime.Data.Streaming;

/// <summary>
/// A pseudo-random bijection of <c>[0, n)</c> computed one index at a time (a 4-round Feistel network on the next
/// even power of two, cycle-walking back into range): an epoch's block order for any number of blocks, in O(1) memory,
/// and its k-th element without generating the first k - 1.
/// </summary>
public sealed class BlockPermutation
{
    private readonly ulong count;
    private readonly int halfBits;
    private readonly ulong halfMask;
    private readonly ulong[] keys = new ulong[4];

    /// <summary>Creates the permutation of <c>[0, count)</c> for a key.</summary>
    /// <param name="count">The size of the domain.</param>
    /// <param name="key">Any value; equal keys give equal permutations.</param>
    public BlockPermutation(long count, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        this.count = (ulong)count;
        int bits = 2;
        while (bits < 64 && (1UL << bits) < this.count)
        {
            bits += 2;
        }

        halfBits = bits / 2;
        halfMask = (1UL << halfBits) - 1;
        for (int i = 0; i < keys.Length; i++)
        {
            key = Mix(key + (ulong)i + 1);
            keys[i] = key;
        }
    }

    /// <summary>The size of the domain.</summary>
    public long Count => (long)count;

    /// <summary>The image of <paramref name="index"/>.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>A value in <c>[0, Count)</c>; distinct indices give distinct values.</returns>
    public long this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)index, count, nameof(index));
            ulong x = (ulong)index;
            do
            {
                x = Encrypt(x);
            }
            while (x >= count);
            return (long)x;
        }
    }

    internal static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private ulong Encrypt(ulong x)
    {
        ulong left = x >> halfBits, right = x & halfMask;
        foreach (ulong k in keys)
        {
            (left, right) = (right, left ^ (Mix(right ^ k) & halfMask));
        }

        return (left << halfBits) | right;
    }
}
