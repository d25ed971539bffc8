using System.Collections.Generic;
using System.Text.Json.Serialization;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// What <see cref="SketchFeatures"/> does to a drawing, as data: written into model.onnx (metadata
/// <c>qd.preprocessing</c>) by <c>export</c>, so that <c>serve</c> and the page's JavaScript apply exactly what training did,
/// and refuse a model whose preprocessing they do not implement.
/// </summary>
/// <param name="Pipeline">The feature pipeline's name, <see cref="PipelineName"/>.</param>
/// <param name="Version">The pipeline's version; bumped whenever its arithmetic changes.</param>
/// <param name="RawDrawings">What happens to a raw drawing first (<see cref="QuickDrawSimplification.Name"/>).</param>
/// <param name="MaxPoints">The drawing is simplified to at most this many points.</param>
/// <param name="OffsetScale">The training set's offset spread; dx and dy are divided by it.</param>
/// <param name="Features">The features per point, in order.</param>
internal sealed record SketchPreprocessing(
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("rawDrawings")] string RawDrawings,
    [property: JsonPropertyName("maxPoints")] int MaxPoints,
    [property: JsonPropertyName("offsetScale")] float OffsetScale,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features)
{
    /// <summary>The name of <see cref="SketchFeatures"/>' pipeline.</summary>
    public const string PipelineName = "quickdraw-strokes";

    /// <summary>The version of <see cref="SketchFeatures"/>' arithmetic.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The preprocessing of this build, with a run's offset scale.</summary>
    public static SketchPreprocessing Current(float offsetScale) =>
        new(PipelineName, CurrentVersion, QuickDrawSimplification.Name, SketchFeatures.MaxPoints, offsetScale, ["dx", "dy", "pen_lift", "x", "y"]);

    /// <summary>Why this build cannot apply it, or null when it can.</summary>
    public string? Incompatibility()
    {
        SketchPreprocessing current = Current(OffsetScale);
        if (Pipeline != current.Pipeline || Version != current.Version || RawDrawings != current.RawDrawings || MaxPoints != current.MaxPoints
            || Features is null || !System.Linq.Enumerable.SequenceEqual(Features, current.Features))
        {
            return $"its preprocessing is {Pipeline} v{Version} (raw drawings: {RawDrawings}, {MaxPoints} points); this build applies {current.Pipeline} v{current.Version} (raw drawings: {current.RawDrawings}, {current.MaxPoints} points)";
        }

        return float.IsFinite(OffsetScale) && OffsetScale > 0 ? null : $"its offset scale {OffsetScale} is not a positive number";
    }
}
