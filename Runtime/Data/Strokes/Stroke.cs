using System;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>
/// One pen-down stroke: parallel coordinate arrays, plus the times for raw drawings. Simplified QuickDraw
/// coordinates are the integers 0..255; raw ones are real-valued screen pixels.
/// </summary>
public sealed class Stroke
{
    /// <summary>Creates a stroke from parallel arrays (not copied).</summary>
    /// <param name="x">The x coordinates.</param>
    /// <param name="y">The y coordinates, as many as <paramref name="x"/>.</param>
    /// <param name="t">The times in milliseconds since the drawing's first point (raw format), or null.</param>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public Stroke(float[] x, float[] y, int[]? t = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length || (t is not null && t.Length != x.Length))
        {
            throw new ArgumentException($"x, y and t must have the same length (x {x.Length}, y {y.Length}, t {t?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).", nameof(y));
        }

        X = x;
        Y = y;
        T = t;
    }

    /// <summary>The x coordinates.</summary>
    public float[] X { get; }

    /// <summary>The y coordinates.</summary>
    public float[] Y { get; }

    /// <summary>The times in milliseconds since the drawing's first point (raw format only), or null.</summary>
    public int[]? T { get; }

    /// <summary>The number of points.</summary>
    public int PointCount => X.Length;
}
