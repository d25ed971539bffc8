namespace QuickDrawDsl.Examples.Forecasting.Training;

/// <summary>How a model maps a window to its 7-day forecast, which decides its training targets and how it is read.</summary>
internal enum ForecastArchitecture
{
    /// <summary>seq2vec: output <c>[B, 7]</c>, trained on the 7 days after the window.</summary>
    SequenceToVector,

    /// <summary>Aligned seq2seq: output <c>[B, W, 7]</c>, trained on the 7 days after every step; the last step is the forecast.</summary>
    AlignedSequenceToSequence,

    /// <summary>Encoder–decoder: output <c>[B, 7, 1]</c>, the decoder unrolled for 7 steps.</summary>
    EncoderDecoder,
}
