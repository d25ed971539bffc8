namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>A reconstruction method and how it did on the held-out drawings.</summary>
/// <param name="Name">What it is, as the results table shows it.</param>
/// <param name="Metrics">Its numbers.</param>
internal sealed record BaselineResult(string Name, ReconstructionMetrics Metrics);
