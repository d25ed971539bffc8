using System;
using System.Globalization;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// A variational sketch autoencoder made of generated modules: <see cref="SketchEncoder"/> (seq2vec) maps a drawing
/// to the mean and log-variance of a latent Gaussian, and a vec2seq decoder (<see cref="SketchDecoder"/> or
/// <see cref="SketchFeedbackDecoder"/>) turns a latent vector into one (x, y, pen_lift) row per point.
/// The parameters appear under <c>encoder.</c> and <c>decoder.</c>.
/// </summary>
internal sealed class SketchAutoencoder : nn.Module
{
    /// <summary>The latent size: the decoder's input, read from its YAML spec (the encoder outputs twice as many values).</summary>
    public static readonly int LatentSize = int.Parse(SketchDecoder.Info.InputShape[0], CultureInfo.InvariantCulture);

    private readonly SketchEncoder encoder;
    private readonly nn.Module<Tensor, Tensor> decoder;

    /// <summary>Creates the generated modules with their specs' default options.</summary>
    /// <param name="kind">Which decoder.</param>
    public SketchAutoencoder(DecoderKind kind)
        : base(TorchNative.Loaded(nameof(SketchAutoencoder)))
    {
        int posterior = int.Parse(SketchEncoder.Info.OutputShape[0], CultureInfo.InvariantCulture);
        int feedbackLatent = int.Parse(SketchFeedbackDecoder.Info.InputShape[0], CultureInfo.InvariantCulture);
        if (posterior != 2 * LatentSize || feedbackLatent != LatentSize)
        {
            throw new InvalidOperationException($"SketchEncoder outputs {posterior} values and SketchFeedbackDecoder takes {feedbackLatent}; with SketchDecoder's latent of {LatentSize} they must be {2 * LatentSize} and {LatentSize}.");
        }

        Kind = kind;
        encoder = new SketchEncoder();
        decoder = kind == DecoderKind.Repeat ? new SketchDecoder() : new SketchFeedbackDecoder();
        RegisterComponents();
    }

    /// <summary>Which decoder this autoencoder has.</summary>
    public DecoderKind Kind { get; }

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

    /// <summary>Decodes latents for a training step: with teacher forcing for <see cref="DecoderKind.TeacherForced"/>, as <see cref="Decode"/> otherwise.</summary>
    /// <param name="latent"><c>[B, latent]</c>.</param>
    /// <param name="target">The true decoder rows <c>[B, points, 3]</c>.</param>
    /// <returns>Decoder rows <c>[B, points, 3]</c>.</returns>
    public Tensor DecodeForTraining(Tensor latent, Tensor target) =>
        Kind == DecoderKind.TeacherForced ? ((SketchFeedbackDecoder)decoder).forward_teacher_forced(latent, target) : decoder.forward(latent);

    /// <summary>The decoder's ONNX graph (generated <c>ToOnnx</c>).</summary>
    /// <returns>The graph, input <c>latent</c> [batch, 32], output <c>points</c> [batch, 64, 3].</returns>
    public OnnxGraphBuilder DecoderToOnnx() => decoder switch
    {
        SketchDecoder d => d.ToOnnx(),
        SketchFeedbackDecoder f => f.ToOnnx(),
        _ => throw new InvalidOperationException("unknown decoder"),
    };
}
