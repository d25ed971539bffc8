using System;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// The autoencoder's loss. Positions are regressed, not offsets: an offset error moves every later point, so the
/// squared error of offsets barely rewards getting the shape right (our first trials with it stayed far above the
/// position loss). The pen lift is regressed too (squared error on 0/1, the Brier score): the feedback decoder feeds
/// each step's raw output back in, so the pen column must be on the same 0/1 scale in free-running decoding as the
/// true value fed by teacher forcing.
/// </summary>
internal static class SketchLoss
{
    /// <summary>Mean squared error of (x, y) plus <paramref name="penWeight"/> times that of the pen lift.</summary>
    /// <param name="predicted">Decoder rows <c>[B, points, 3]</c>.</param>
    /// <param name="target">True rows <c>[B, points, 3]</c>.</param>
    /// <param name="penWeight">The pen term's weight.</param>
    /// <returns>A scalar.</returns>
    public static Tensor Reconstruction(Tensor predicted, Tensor target, double penWeight)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(target);
        Tensor positions = nn.functional.mse_loss(predicted[.., .., ..2], target[.., .., ..2]);
        Tensor pen = nn.functional.mse_loss(predicted[.., .., 2], target[.., .., 2]);
        return positions + (pen * penWeight);
    }

    /// <summary>KL divergence of the posterior from N(0, I), averaged over the batch and the latent dimensions (nats per dimension).</summary>
    /// <param name="mean"><c>[B, latent]</c>.</param>
    /// <param name="logVariance"><c>[B, latent]</c>.</param>
    /// <returns>A scalar.</returns>
    public static Tensor Kl(Tensor mean, Tensor logVariance)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(logVariance);
        return (logVariance.exp() + mean.pow(2) - 1 - logVariance).mean() * 0.5;
    }
}
