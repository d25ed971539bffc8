using System;
using System.Globalization;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Native;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// A variational sketch autoencoder made of generated modules: <see cref="SketchEncoder"/> (seq2vec) maps a drawing
/// to the mean and log-variance of a latent Gaussian, and a vec2seq decoder (<see cref="SketchDecoder"/>,
/// <see cref="SketchFeedbackDecoder"/> or <see cref="SketchConditionedDecoder"/>) turns a latent vector into one
/// (x, y, pen_lift) row per point.
/// The parameters appear under <c>encoder.</c> and <c>decoder.</c>.
/// As a module it maps drawings to <see cref="VaeOutput"/> packed in one tensor, so the runtime's <c>Trainer</c> trains
/// it with <see cref="SketchVaeLoss"/> (with teacher forcing for <see cref="DecoderKind.TeacherForced"/> and <see cref="DecoderKind.Conditioned"/>, through
/// <see cref="ITeacherForcedModel"/>).
/// </summary>
internal sealed class SketchAutoencoder : nn.Module<Tensor, Tensor>, ITeacherForcedModel
{
    /// <summary>The latent size: the decoder's input, read from its YAML spec (the encoder outputs twice as many values).</summary>
    public static readonly int LatentSize = int.Parse(SketchDecoder.Info.InputShape[0], CultureInfo.InvariantCulture);

    private readonly SketchEncoder encoder;
    private readonly nn.Module<Tensor, Tensor> decoder;

    /// <summary>Creates the generated modules with their specs' default options.</summary>
    /// <param name="kind">Which decoder.</param>
    /// <param name="variational">
    /// True: in training mode <see cref="forward(Tensor)"/> decodes a latent sampled from the posterior
    /// (reparameterisation); false: always the posterior mean (a plain autoencoder).
    /// </param>
    public SketchAutoencoder(DecoderKind kind, bool variational = true)
        : base(TorchNative.Loaded(nameof(SketchAutoencoder)))
    {
        int posterior = int.Parse(SketchEncoder.Info.OutputShape[0], CultureInfo.InvariantCulture);
        int feedbackLatent = int.Parse(SketchFeedbackDecoder.Info.InputShape[0], CultureInfo.InvariantCulture);
        int conditionedLatent = int.Parse(SketchConditionedDecoder.Info.InputShape[0], CultureInfo.InvariantCulture);
        if (posterior != 2 * LatentSize || feedbackLatent != LatentSize || conditionedLatent != LatentSize)
        {
            throw new InvalidOperationException($"SketchEncoder outputs {posterior} values, SketchFeedbackDecoder takes {feedbackLatent} and SketchConditionedDecoder {conditionedLatent}; with SketchDecoder's latent of {LatentSize} they must be {2 * LatentSize}, {LatentSize} and {LatentSize}.");
        }

        Kind = kind;
        Variational = variational;
        encoder = new SketchEncoder();
        decoder = kind switch
        {
            DecoderKind.Repeat => new SketchDecoder(),
            DecoderKind.Conditioned or DecoderKind.ConditionedFreeRunning => new SketchConditionedDecoder(),
            _ => new SketchFeedbackDecoder(),
        };
        RegisterComponents();
    }

    /// <summary>Which decoder this autoencoder has.</summary>
    public DecoderKind Kind { get; }

    /// <summary>Whether training feeds the decoder the true previous point (<c>forward_teacher_forced</c>).</summary>
    public bool TeacherForced => Kind is DecoderKind.TeacherForced or DecoderKind.Conditioned;

    /// <summary>Whether training decodes a sampled latent rather than the posterior mean.</summary>
    public bool Variational { get; }

    /// <summary>Encodes and decodes as generation does (free-running); in training mode the latent is sampled when <see cref="Variational"/>.</summary>
    /// <param name="features">Encoder input <c>[B, points, 5]</c>.</param>
    /// <returns>The packed <see cref="VaeOutput"/> <c>[B, points·3 + 2·latent]</c>.</returns>
    public override Tensor forward(Tensor features)
    {
        (Tensor mean, Tensor logVariance) = Encode(features);   // [B, latent] each
        Tensor points = Decode(Latent(mean, logVariance));       // [B, points, 3]
        return new VaeOutput(points, mean, logVariance).Pack();
    }

    /// <summary>Encodes and decodes for a training step: <see cref="DecodeForTraining"/> instead of <see cref="Decode"/>.</summary>
    /// <param name="input">Encoder input <c>[B, points, 5]</c>.</param>
    /// <param name="target">The true decoder rows <c>[B, points, 3]</c>.</param>
    /// <returns>The packed <see cref="VaeOutput"/> <c>[B, points·3 + 2·latent]</c>.</returns>
    public Tensor forward(Tensor input, Tensor target)
    {
        (Tensor mean, Tensor logVariance) = Encode(input);                    // [B, latent] each
        Tensor points = DecodeForTraining(Latent(mean, logVariance), target); // [B, points, 3]
        return new VaeOutput(points, mean, logVariance).Pack();
    }

    /// <summary>The posterior of each drawing.</summary>
    /// <param name="features">Encoder input <c>[B, points, 5]</c>.</param>
    /// <returns>Mean and log-variance, <c>[B, latent]</c> each.</returns>
    public (Tensor Mean, Tensor LogVariance) Encode(Tensor features)
    {
        Tensor[] halves = encoder.forward(features).chunk(2, 1);
        return (halves[0], halves[1]);
    }

    /// <summary>Decodes latents as generation does (the feedback decoder feeds each step its own previous point).</summary>
    /// <param name="latent"><c>[B, latent]</c>.</param>
    /// <returns>Decoder rows <c>[B, points, 3]</c>.</returns>
    public Tensor Decode(Tensor latent) => decoder.forward(latent);

    /// <summary>Decodes latents for a training step: with teacher forcing when <see cref="TeacherForced"/>, as <see cref="Decode"/> otherwise.</summary>
    /// <param name="latent"><c>[B, latent]</c>.</param>
    /// <param name="target">The true decoder rows <c>[B, points, 3]</c>.</param>
    /// <returns>Decoder rows <c>[B, points, 3]</c>.</returns>
    public Tensor DecodeForTraining(Tensor latent, Tensor target) =>
        TeacherForced ? ((ITeacherForcedModel)decoder).forward(latent, target) : decoder.forward(latent);

    // z = μ + σ·ε while training a VAE; the mean otherwise (evaluation decodes the posterior mean).
    private Tensor Latent(Tensor mean, Tensor logVariance) =>
        training && Variational ? mean + (logVariance.mul(0.5).exp() * randn_like(mean)) : mean;

    /// <summary>The decoder's ONNX graph (generated <c>ToOnnx</c>).</summary>
    /// <returns>The graph, input <c>latent</c> [batch, 32], output <c>points</c> [batch, 64, 3].</returns>
    public OnnxGraphBuilder DecoderToOnnx() => decoder switch
    {
        SketchDecoder d => d.ToOnnx(),
        SketchFeedbackDecoder f => f.ToOnnx(),
        SketchConditionedDecoder c => c.ToOnnx(),
        _ => throw new InvalidOperationException("unknown decoder"),
    };
}
