using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>One drawing in a rendered grid.</summary>
/// <param name="Drawing">Stroke-3 in units of a drawing's longer side, summing to positions around (0, 0).</param>
/// <param name="Original">True for a real drawing (drawn black), false for a decoded one (drawn blue).</param>
internal sealed record SketchCell(Stroke3Sequence Drawing, bool Original);
