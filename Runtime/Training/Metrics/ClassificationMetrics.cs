using System;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training.Metrics;

/// <summary>Accuracy helpers on logits (class dimension last).</summary>
public static class ClassificationMetrics
{
    /// <summary>Number of samples whose target is among the <paramref name="k"/> largest logits.</summary>
    /// <param name="logits">Logits <c>[N, C]</c> (or <c>[..., C]</c>, flattened).</param>
    /// <param name="targets">Class indices with N elements.</param>
    /// <param name="k">How many top classes count (clamped to C).</param>
    /// <returns>The count.</returns>
    public static long TopKCorrect(torch.Tensor logits, torch.Tensor targets, int k)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        using var scope = torch.NewDisposeScope();
        torch.Tensor flat = logits.reshape(-1, logits.shape[^1]);
        int kk = (int)Math.Min(k, flat.shape[1]);
        torch.Tensor target = targets.reshape(-1, 1).to_type(torch.int64);
        torch.Tensor top = flat.topk(kk, dim: 1).indexes;
        return top.eq(target).any(1).sum().item<long>();
    }

    /// <summary>Fraction of samples whose target is among the top <paramref name="k"/> logits.</summary>
    /// <param name="logits">Logits <c>[N, C]</c>.</param>
    /// <param name="targets">Class indices.</param>
    /// <param name="k">1 for plain accuracy.</param>
    /// <returns>Accuracy in <c>[0, 1]</c> (NaN for an empty batch).</returns>
    public static double TopKAccuracy(torch.Tensor logits, torch.Tensor targets, int k = 1)
    {
        ArgumentNullException.ThrowIfNull(targets);
        long n = targets.numel();
        return n == 0 ? double.NaN : (double)TopKCorrect(logits, targets, k) / n;
    }

    /// <summary>Sum of absolute errors (for MAE accumulated over batches).</summary>
    /// <param name="predictions">Predictions.</param>
    /// <param name="targets">Targets with the same number of elements.</param>
    /// <returns>Σ |prediction − target|.</returns>
    public static double AbsoluteErrorSum(torch.Tensor predictions, torch.Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = torch.NewDisposeScope();
        return (predictions.reshape(-1) - targets.reshape(-1).to_type(predictions.dtype)).abs().sum().to_type(torch.float64).item<double>();
    }
}
