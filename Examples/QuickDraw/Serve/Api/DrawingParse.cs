using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>A request body read by <see cref="DrawingParser"/>: the strokes, or the one-line reason it was refused.</summary>
/// <param name="Strokes">The strokes when the body is good.</param>
/// <param name="Error">Why the body is refused, naming the field, or null.</param>
internal sealed record DrawingParse(IReadOnlyList<Stroke>? Strokes, string? Error)
{
    public static DrawingParse Ok(IReadOnlyList<Stroke> strokes) => new(strokes, null);

    public static DrawingParse Fail(string error) => new(null, error);
}
