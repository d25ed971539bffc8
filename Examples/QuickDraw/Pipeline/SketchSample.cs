using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>A prepared drawing and its label.</summary>
internal sealed record SketchSample(Stroke3Sequence Strokes, int Label);
