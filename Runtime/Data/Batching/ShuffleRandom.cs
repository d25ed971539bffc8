using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>
/// A small seeded generator (SplitMix64) whose whole state is one <see cref="ulong"/>, so a checkpoint can store it
/// and a resumed run shuffles exactly as an uninterrupted one. Same seed, same sequence, on every platform.
/// </summary>
public sealed class ShuffleRandom
{
    /// <summary>Creates a generator from a seed.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public ShuffleRandom(long seed)
    {
        State = unchecked((ulong)seed);
    }

    /// <summary>The full generator state; set it to continue a saved sequence.</summary>
    public ulong State { get; set; }

    /// <summary>Next 64 random bits.</summary>
    /// <returns>A uniformly distributed value.</returns>
    public ulong NextUInt64()
    {
        unchecked
        {
            State += 0x9E3779B97F4A7C15UL;
            ulong z = State;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform integer in <c>[0, maxExclusive)</c>, without modulo bias.</summary>
    /// <param name="maxExclusive">Upper bound, at least 1.</param>
    /// <returns>The value.</returns>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        ulong bound = (ulong)maxExclusive;
        ulong limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value >= limit);
        return (int)(value % bound);
    }

    /// <summary>Uniform double in <c>[0, 1)</c>.</summary>
    /// <returns>The value.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal sample (Box-Muller).</summary>
    /// <returns>The value.</returns>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="items">The list to shuffle.</param>
    public void Shuffle<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
