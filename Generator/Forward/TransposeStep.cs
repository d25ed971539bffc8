namespace QuickDrawDsl.Generator.Forward;

/// <summary>Swaps a sequence between [B, T, C] and [B, C, T].</summary>
internal sealed record TransposeStep(string Comment) : ForwardStep;
