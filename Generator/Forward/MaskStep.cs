namespace QuickDrawDsl.Generator.Forward;

/// <summary>Sets the padded steps of a sequence to zero (or to -inf before max pooling); <paramref name="TimeDim"/> is the time axis.</summary>
internal sealed record MaskStep(string TimeDim, bool NegativeInfinity) : ForwardStep;
