using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>The losses a <see cref="Trainer"/> supports, as functions of (output, target).</summary>
public static class Losses
{
    /// <summary>Builds the loss function for <paramref name="kind"/>.</summary>
    /// <param name="kind">Which loss.</param>
    /// <param name="labelSmoothing">Label smoothing ε for cross-entropy (0 = none).</param>
    /// <param name="huberDelta">Delta of the Huber loss.</param>
    /// <param name="classWeights">Cross-entropy weight of each class (null: all 1); see <see cref="ClassWeights"/>.</param>
    /// <returns>A function returning the mean loss as a scalar tensor.</returns>
    public static Func<torch.Tensor, torch.Tensor, torch.Tensor> Create(LossKind kind, double labelSmoothing = 0, double huberDelta = 1.0, IReadOnlyList<float>? classWeights = null) => kind switch
    {
        LossKind.CrossEntropy => (output, target) => CrossEntropy(output, target, labelSmoothing, classWeights),
        LossKind.Mse => (output, target) => torch.nn.functional.mse_loss(output, AsOutput(output, target)),
        LossKind.Huber => (output, target) => torch.nn.functional.huber_loss(output, AsOutput(output, target), huberDelta),
        LossKind.Mae => (output, target) => torch.nn.functional.l1_loss(output, AsOutput(output, target)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };

    /// <summary>Mean cross-entropy of logits (class dimension last) against int64 targets, with label smoothing ε: <c>(1 − ε)·NLL + ε·mean_c(−log p_c)</c>.</summary>
    /// <param name="logits">Logits <c>[..., C]</c>.</param>
    /// <param name="targets">Class indices shaped like the logits without the last dimension.</param>
    /// <param name="labelSmoothing">ε in <c>[0, 1)</c>.</param>
    /// <param name="classWeights">
    /// Weight of each class's samples (null: all 1). As in PyTorch, the mean is weighted: Σ wᵢ·lossᵢ / Σ wᵢ.
    /// </param>
    /// <returns>Scalar loss.</returns>
    /// <exception cref="ArgumentException">The weights' count differs from the logits' class dimension.</exception>
    public static torch.Tensor CrossEntropy(torch.Tensor logits, torch.Tensor targets, double labelSmoothing = 0, IReadOnlyList<float>? classWeights = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (labelSmoothing is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "label smoothing must be in [0, 1).");
        }

        torch.Tensor flat = logits.dim() == 2 ? logits : logits.reshape(-1, logits.shape[^1]);
        if (classWeights is null)
        {
            return torch.nn.functional.cross_entropy(flat, targets.reshape(-1).to_type(torch.int64), label_smoothing: labelSmoothing);
        }

        if (classWeights.Count != flat.shape[1])
        {
            throw new ArgumentException($"{classWeights.Count} class weights were given for a model with {flat.shape[1]} classes: give one weight per class, in label order.", nameof(classWeights));
        }

        using torch.Tensor weight = torch.tensor(classWeights.ToArray(), dtype: flat.dtype, device: flat.device);
        return torch.nn.functional.cross_entropy(flat, targets.reshape(-1).to_type(torch.int64), weight, label_smoothing: labelSmoothing);
    }

    private static torch.Tensor AsOutput(torch.Tensor output, torch.Tensor target)
    {
        torch.Tensor t = target.dtype == output.dtype ? target : target.to_type(output.dtype);
        return t.shape.AsSpan().SequenceEqual(output.shape) || t.numel() != output.numel() ? t : t.reshape(output.shape);
    }
}
