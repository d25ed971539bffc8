using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>The result for one input line: the top labels (and the drawing's own label, when the file has one), or why the line was skipped.</summary>
/// <param name="Line">The input's 1-based line number.</param>
internal sealed record DrawingPrediction(long Line, string? Word, IReadOnlyList<OnnxPrediction> Top, BadRecord? Rejection);
