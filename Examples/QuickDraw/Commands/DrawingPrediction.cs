using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>The result for one input line: the top labels (and the drawing's own label, when the file has one), or why the line was skipped.</summary>
/// <param name="Line">The input's 1-based line number.</param>
/// <param name="Word">The drawing's own label, when the file has one.</param>
/// <param name="Top">The most likely labels, best first (empty when the line was skipped).</param>
/// <param name="Rejection">Why the line was skipped, or null when it was predicted.</param>
internal sealed record DrawingPrediction(long Line, string? Word, IReadOnlyList<OnnxPrediction> Top, BadRecord? Rejection);
