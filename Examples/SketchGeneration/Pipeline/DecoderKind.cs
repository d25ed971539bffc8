namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>Which YAML vec2seq decoder the autoencoder uses, and how it is trained.</summary>
internal enum DecoderKind
{
    /// <summary><see cref="SketchDecoder"/>: the latent is repeated as every step's input (no feedback); trained on its own output.</summary>
    Repeat,

    /// <summary><see cref="SketchFeedbackDecoder"/> trained with teacher forcing (<c>forward_teacher_forced</c>: each step fed the true previous point); decoded free-running.</summary>
    TeacherForced,

    /// <summary><see cref="SketchFeedbackDecoder"/> trained through its free-running <c>forward</c> (each step fed its own previous point), as it is decoded.</summary>
    FreeRunning,

    /// <summary>
    /// <see cref="SketchConditionedDecoder"/> (<c>condition: true</c>: every step is fed the latent's projection beside the
    /// previous point, as in Sketch-RNN) trained with teacher forcing; decoded free-running.
    /// </summary>
    Conditioned,

    /// <summary><see cref="SketchConditionedDecoder"/> trained through its free-running <c>forward</c>, as it is decoded.</summary>
    ConditionedFreeRunning,
}
