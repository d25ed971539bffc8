namespace QuickDrawDsl.Generator.Forward;

/// <summary>Updates the sequence lengths after a window op over time (a strided or unpadded conv1d or pooling).</summary>
internal sealed record WindowLengthsStep(long Kernel, long Stride, long Padding, long Dilation, bool Ceil) : ForwardStep;
