namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>How the autoencoder is trained.</summary>
/// <param name="Decoder">Which decoder, and how it is trained.</param>
/// <param name="Epochs">Passes over the training drawings.</param>
/// <param name="BatchSize">Drawings per step.</param>
/// <param name="LearningRate">AdamW's peak learning rate (cosine decay to 1 % of it).</param>
/// <param name="Seed">Seeds the weights, the shuffling and the latent noise.</param>
/// <param name="KlWeight">Weight of the KL term; 0 trains a plain (deterministic) autoencoder on the posterior mean.</param>
/// <param name="FreeBits">The KL term, averaged over latent dimensions, is not pushed below this many nats (Sketch-RNN's KL tolerance).</param>
/// <param name="PenWeight">Weight of the pen-lift squared error against the position squared error.</param>
/// <param name="AugmentScale">Each epoch every training drawing gets a fresh random scale per axis in <c>[1 - AugmentScale, 1 + AugmentScale]</c> (0 for none).</param>
/// <param name="AugmentRotation">Each epoch every training drawing also gets a fresh random rotation of up to this many degrees either way (0 for none).</param>
internal sealed record TrainingSettings(
    DecoderKind Decoder = DecoderKind.Repeat,
    int Epochs = 60,
    int BatchSize = 8,
    double LearningRate = 1e-3,
    int Seed = 1,
    double KlWeight = 0.05,
    double FreeBits = 0.5,
    double PenWeight = 2.0,
    double AugmentScale = 0.5,
    double AugmentRotation = 30);
