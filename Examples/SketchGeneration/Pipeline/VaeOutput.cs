using System;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// What the autoencoder computes for a batch: the decoded rows and the posterior. The runtime's <c>Trainer</c> passes
/// one tensor from the model to the loss and the metrics, so <see cref="SketchAutoencoder.forward(Tensor)"/> returns them
/// packed side by side (<see cref="Pack"/>) and <see cref="SketchVaeLoss"/> takes them apart (<see cref="Unpack"/>).
/// </summary>
/// <param name="Points">Decoder rows <c>[B, points, 3]</c>.</param>
/// <param name="Mean">Posterior mean <c>[B, latent]</c>.</param>
/// <param name="LogVariance">Posterior log-variance <c>[B, latent]</c>.</param>
internal readonly record struct VaeOutput(Tensor Points, Tensor Mean, Tensor LogVariance)
{
    private static readonly long PointValues = (long)SketchEncoding.Points * SketchEncoding.PointColumns;

    /// <summary>The width of a packed row: <c>points·3 + 2·latent</c>.</summary>
    public static long PackedWidth => PointValues + (2L * SketchAutoencoder.LatentSize);

    /// <summary>One tensor <c>[B, points·3 + 2·latent]</c>: the flattened rows, then the mean, then the log-variance.</summary>
    /// <returns>The packed tensor.</returns>
    public Tensor Pack() => cat([Points.flatten(1), Mean, LogVariance], 1);

    /// <summary>Views of the parts of a tensor made by <see cref="Pack"/> (gradients flow through them).</summary>
    /// <param name="packed"><c>[B, points·3 + 2·latent]</c>.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="ArgumentException"><paramref name="packed"/> is not a packed autoencoder output.</exception>
    public static VaeOutput Unpack(Tensor packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        if (packed.dim() != 2 || packed.shape[1] != PackedWidth)
        {
            throw new ArgumentException($"expected the autoencoder's packed output [B, {PackedWidth}], got [{string.Join(", ", packed.shape)}].", nameof(packed));
        }

        long latent = SketchAutoencoder.LatentSize;
        Tensor points = packed[.., ..(int)PointValues].reshape(packed.shape[0], SketchEncoding.Points, SketchEncoding.PointColumns);
        Tensor mean = packed[.., (int)PointValues..(int)(PointValues + latent)];
        Tensor logVariance = packed[.., (int)(PointValues + latent)..];
        return new VaeOutput(points, mean, logVariance);
    }
}
