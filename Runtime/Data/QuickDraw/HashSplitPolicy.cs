using System;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Splits by a stable hash of the key (SplitMix64 of <c>key ^ seed</c>, mapped to [0, 1)): the same drawing lands in
/// the same split on every machine and run, whatever the file order, and duplicates across files agree.
/// </summary>
public sealed class HashSplitPolicy : SplitPolicy
{
    /// <summary>Creates the policy.</summary>
    /// <param name="validationFraction">The fraction for validation, 0..1.</param>
    /// <param name="testFraction">The fraction for test, 0..1; with validation at most 1.</param>
    /// <param name="seed">Changes the assignment.</param>
    public HashSplitPolicy(double validationFraction, double testFraction, ulong seed = 0)
    {
        if (validationFraction is < 0 or > 1 || testFraction is < 0 or > 1 || validationFraction + testFraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), "fractions must be in [0, 1] and sum to at most 1");
        }

        ValidationFraction = validationFraction;
        TestFraction = testFraction;
        Seed = seed;
    }

    /// <summary>The fraction for validation.</summary>
    public double ValidationFraction { get; }

    /// <summary>The fraction for test.</summary>
    public double TestFraction { get; }

    /// <summary>The seed mixed into the hash.</summary>
    public ulong Seed { get; }

    /// <summary>The stable hash of a key mapped to [0, 1).</summary>
    /// <param name="keyId">The key.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>A value in [0, 1).</returns>
    public static double UnitHash(ulong keyId, ulong seed)
    {
        ulong z = keyId ^ seed;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <inheritdoc />
    public override DataSplit Assign(ulong keyId, int indexInClass)
    {
        double u = UnitHash(keyId, Seed);
        if (u < TestFraction)
        {
            return DataSplit.Test;
        }

        return u < TestFraction + ValidationFraction ? DataSplit.Validation : DataSplit.Train;
    }
}
