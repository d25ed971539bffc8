using System;
using QuickDrawDsl.Runtime.Training;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// The VAE's objective as a custom loss of the runtime's <c>Trainer</c>: <see cref="SketchLoss.Reconstruction"/> plus
/// <c>KlWeight · max(KL, FreeBits)</c> (Sketch-RNN's KL tolerance: below it the KL term is not pushed further), over the
/// packed output of <see cref="SketchAutoencoder"/>. With <c>KlWeight</c> 0 it is the plain reconstruction loss.
/// </summary>
internal sealed class SketchVaeLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="penWeight">The pen term's weight in the reconstruction loss.</param>
    /// <param name="klWeight">The KL term's weight (0: none).</param>
    /// <param name="freeBits">Nats per latent dimension below which the KL term is not penalised further.</param>
    public SketchVaeLoss(double penWeight, double klWeight, double freeBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(penWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(klWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(freeBits);
        PenWeight = penWeight;
        KlWeight = klWeight;
        FreeBits = freeBits;
    }

    /// <summary>The pen term's weight.</summary>
    public double PenWeight { get; }

    /// <summary>The KL term's weight.</summary>
    public double KlWeight { get; }

    /// <summary>The KL tolerance in nats per latent dimension.</summary>
    public double FreeBits { get; }

    /// <inheritdoc />
    public string Name => "sketch_vae";

    /// <inheritdoc />
    /// <remarks>Custom: the output is packed, so accuracy or MAE over it would mean nothing; the example records <c>reconstruction</c> and <c>kl</c> as metrics.</remarks>
    public TrainingTask Task => TrainingTask.Custom;

    /// <inheritdoc />
    public Tensor Compute(Tensor output, Tensor target)
    {
        VaeOutput parts = VaeOutput.Unpack(output);
        Tensor reconstruction = SketchLoss.Reconstruction(parts.Points, target, PenWeight);
        return KlWeight > 0
            ? reconstruction + (SketchLoss.Kl(parts.Mean, parts.LogVariance).clamp_min(FreeBits) * KlWeight)
            : reconstruction;
    }

    /// <summary>The two terms as metrics, recorded per pass as <c>train_reconstruction</c> and <c>train_kl</c>.</summary>
    /// <returns>The reconstruction loss and the unclamped KL (nats per latent dimension).</returns>
    public IMetric[] Metrics() =>
    [
        Metric.Mean("reconstruction", (output, target) => SketchLoss.Reconstruction(VaeOutput.Unpack(output).Points, target, PenWeight).item<float>()),
        Metric.Mean("kl", (output, _) =>
        {
            VaeOutput parts = VaeOutput.Unpack(output);
            return SketchLoss.Kl(parts.Mean, parts.LogVariance).item<float>();
        }),
    ];
}
