namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>How <see cref="StrokeRasterizer"/> draws strokes into a square bitmap.</summary>
public sealed record RasterOptions
{
    /// <summary>The side of the bitmap in pixels (default 28, as Google's numpy_bitmap).</summary>
    public int Size { get; init; } = 28;

    /// <summary>The line width in pixels (default 1.5).</summary>
    public float LineWidth { get; init; } = 1.5f;

    /// <summary>
    /// When true (default), the drawing's bounding box is scaled uniformly into the bitmap, less <see cref="Padding"/>
    /// on each side, and centred. When false, coordinates are used as pixel positions as they are.
    /// </summary>
    public bool FitToBox { get; init; } = true;

    /// <summary>The margin in pixels left on each side when <see cref="FitToBox"/> is true (default 2).</summary>
    public float Padding { get; init; } = 2f;
}
