namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>What the first row of a stroke-3 sequence is relative to.</summary>
public enum Stroke3Origin
{
    /// <summary>
    /// The first row is the first point itself (its offset from (0, 0)), so the absolute position of the drawing is
    /// kept: summing the rows gives back the original coordinates. This is the default.
    /// </summary>
    Zero,

    /// <summary>The first row is <c>(0, 0, pen)</c>: the sequence starts at its first point and only shape is kept (translation-invariant).</summary>
    FirstPoint,
}
