using System;
using System.Collections.Generic;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training.Metrics;

/// <summary>Counts of (actual class, predicted class) pairs; rows are actual classes, columns predicted ones.</summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] counts;

    /// <summary>Creates an empty matrix.</summary>
    /// <param name="classCount">Number of classes (at least 1).</param>
    public ConfusionMatrix(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ClassCount = classCount;
        counts = new long[classCount, classCount];
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Number of samples counted.</summary>
    public long Total { get; private set; }

    /// <summary>Count of samples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">True class.</param>
    /// <param name="predicted">Predicted class.</param>
    public long this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>Fraction of samples on the diagonal (NaN when empty).</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < ClassCount; c++)
            {
                correct += counts[c, c];
            }

            return Total == 0 ? double.NaN : (double)correct / Total;
        }
    }

    /// <summary>Adds one prediction.</summary>
    /// <param name="actual">True class.</param>
    /// <param name="predicted">Predicted class.</param>
    public void Add(long actual, long predicted)
    {
        if (actual < 0 || actual >= ClassCount || predicted < 0 || predicted >= ClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(actual), $"class pair ({actual}, {predicted}) is outside 0..{ClassCount - 1}.");
        }

        counts[actual, predicted]++;
        Total++;
    }

    /// <summary>Adds the top-1 predictions of a batch of logits.</summary>
    /// <param name="logits">Logits <c>[N, C]</c> (or <c>[..., C]</c>, flattened).</param>
    /// <param name="targets">Class indices with N elements.</param>
    public void Add(torch.Tensor logits, torch.Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = torch.NewDisposeScope();
        long[] predicted = logits.reshape(-1, logits.shape[^1]).argmax(1).to(torch.CPU).data<long>().ToArray();
        long[] actual = targets.reshape(-1).to_type(torch.int64).to(torch.CPU).data<long>().ToArray();
        for (int i = 0; i < predicted.Length; i++)
        {
            Add(actual[i], predicted[i]);
        }
    }

    /// <summary>Accuracy within each actual class (recall); NaN for classes with no samples.</summary>
    /// <returns>One value per class.</returns>
    public IReadOnlyList<double> PerClassAccuracy()
    {
        var result = new double[ClassCount];
        for (int a = 0; a < ClassCount; a++)
        {
            long row = 0;
            for (int p = 0; p < ClassCount; p++)
            {
                row += counts[a, p];
            }

            result[a] = row == 0 ? double.NaN : (double)counts[a, a] / row;
        }

        return result;
    }

    /// <summary>Of the samples predicted as <paramref name="classIndex"/>, the fraction that are of it; NaN when none is predicted as it.</summary>
    /// <param name="classIndex">The class.</param>
    /// <returns>Precision in <c>[0, 1]</c>.</returns>
    public double Precision(int classIndex)
    {
        long column = 0;
        for (int a = 0; a < ClassCount; a++)
        {
            column += counts[a, classIndex];
        }

        return column == 0 ? double.NaN : (double)counts[classIndex, classIndex] / column;
    }

    /// <summary>Of the samples of class <paramref name="classIndex"/>, the fraction predicted as it; NaN when it has no samples.</summary>
    /// <param name="classIndex">The class.</param>
    /// <returns>Recall in <c>[0, 1]</c>.</returns>
    public double Recall(int classIndex) => PerClassAccuracy()[classIndex];

    /// <summary>Harmonic mean of <see cref="Precision"/> and <see cref="Recall"/>; 0 when both are 0 or one is undefined and the class was seen.</summary>
    /// <param name="classIndex">The class.</param>
    /// <returns>F1 in <c>[0, 1]</c>, NaN for a class neither present nor predicted.</returns>
    public double F1(int classIndex)
    {
        double p = Precision(classIndex), r = Recall(classIndex);
        if (double.IsNaN(p) && double.IsNaN(r))
        {
            return double.NaN;
        }

        // A class that is present but never predicted (or predicted but never present) scores 0, as scikit-learn does.
        p = double.IsNaN(p) ? 0 : p;
        r = double.IsNaN(r) ? 0 : r;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Unweighted mean of <see cref="Precision"/> over the classes that have samples (a class never predicted counts 0).</summary>
    public double MacroPrecision => MacroAverage(c => double.IsNaN(Precision(c)) ? 0 : Precision(c));

    /// <summary>Unweighted mean of <see cref="Recall"/> over the classes that have samples.</summary>
    public double MacroRecall => MacroAverage(Recall);

    /// <summary>Unweighted mean of <see cref="F1"/> over the classes that have samples.</summary>
    public double MacroF1 => MacroAverage(F1);

    // Classes absent from the data are left out: their scores are undefined, and counting them 0 would punish a small
    // validation set for what it does not contain.
    private double MacroAverage(Func<int, double> score)
    {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < ClassCount; c++)
        {
            long row = 0;
            for (int p = 0; p < ClassCount; p++)
            {
                row += counts[c, p];
            }

            if (row > 0)
            {
                sum += score(c);
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>A copy of the counts, <c>[actual, predicted]</c>.</summary>
    /// <returns>The counts.</returns>
    public long[,] ToArray() => (long[,])counts.Clone();
}
