namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>Which QuickDraw data a run uses.</summary>
internal enum DataFormat
{
    /// <summary>Simplified ndjson strokes, classified by <see cref="SketchClassifier"/>.</summary>
    Strokes,

    /// <summary>28x28 numpy_bitmap images, classified by <see cref="BitmapClassifier"/>.</summary>
    Bitmap,
}
