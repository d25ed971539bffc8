using System.Collections.Generic;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>The top labels for one input drawing (and its own label, when the file has one).</summary>
internal sealed record DrawingPrediction(int Index, string? Word, IReadOnlyList<OnnxPrediction> Top);
