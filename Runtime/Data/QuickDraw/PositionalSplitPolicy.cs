using System;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Splits each class by position in file order: the first <see cref="TrainCount"/> items train, the next
/// <see cref="ValidationCount"/> validate, the next <see cref="TestCount"/> test, the rest none. With 100 drawings per
/// class, <c>(80, 0, 20)</c> gives "first 80 train, last 20 test"; with 1,500 bitmaps, <c>(1200, 0, 300)</c>.
/// </summary>
public sealed class PositionalSplitPolicy : SplitPolicy
{
    /// <summary>Creates the policy.</summary>
    /// <param name="trainCount">Items per class for training.</param>
    /// <param name="validationCount">Items per class for validation, after the training ones.</param>
    /// <param name="testCount">Items per class for test, after the validation ones.</param>
    public PositionalSplitPolicy(int trainCount, int validationCount, int testCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegative(validationCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        TrainCount = trainCount;
        ValidationCount = validationCount;
        TestCount = testCount;
    }

    /// <summary>Items per class for training.</summary>
    public int TrainCount { get; }

    /// <summary>Items per class for validation.</summary>
    public int ValidationCount { get; }

    /// <summary>Items per class for test.</summary>
    public int TestCount { get; }

    /// <summary>The number of items per class this policy uses: the cap to read with.</summary>
    public int TotalCount => TrainCount + ValidationCount + TestCount;

    /// <inheritdoc />
    public override DataSplit Assign(ulong keyId, int indexInClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(indexInClass);
        if (indexInClass < TrainCount)
        {
            return DataSplit.Train;
        }

        if (indexInClass < TrainCount + ValidationCount)
        {
            return DataSplit.Validation;
        }

        return indexInClass < TotalCount ? DataSplit.Test : DataSplit.None;
    }
}
