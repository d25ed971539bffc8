using System;
using System.Globalization;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>
/// A drawing in stroke-3 format (Sketch-RNN): one row <c>(dx, dy, pen_lift)</c> per point, where
/// <c>(dx, dy)</c> is the offset from the previous point and <c>pen_lift</c> is 1 on the last point of a stroke
/// (the pen lifts after it) and 0 elsewhere. Stored as one row-major array of <c>Length * 3</c> floats.
/// </summary>
public sealed class Stroke3Sequence
{
    /// <summary>The number of columns of a row.</summary>
    public const int Columns = 3;

    /// <summary>Wraps row-major data (not copied).</summary>
    /// <param name="data">Rows of <c>(dx, dy, pen_lift)</c>, back to back.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of 3.</exception>
    public Stroke3Sequence(float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length % Columns != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"stroke-3 data must have a multiple of 3 values, not {data.Length}"), nameof(data));
        }

        Data = data;
    }

    /// <summary>The rows back to back: <c>Data[3*i] = dx</c>, <c>Data[3*i+1] = dy</c>, <c>Data[3*i+2] = pen_lift</c>.</summary>
    public float[] Data { get; }

    /// <summary>The number of rows (points).</summary>
    public int Length => Data.Length / Columns;

    /// <summary>The x offset of row <paramref name="i"/>.</summary>
    /// <param name="i">The row.</param>
    /// <returns>dx.</returns>
    public float Dx(int i) => Data[Columns * i];

    /// <summary>The y offset of row <paramref name="i"/>.</summary>
    /// <param name="i">The row.</param>
    /// <returns>dy.</returns>
    public float Dy(int i) => Data[(Columns * i) + 1];

    /// <summary>The pen-lift flag of row <paramref name="i"/> (1 when the stroke ends at this point).</summary>
    /// <param name="i">The row.</param>
    /// <returns>pen_lift.</returns>
    public float PenLift(int i) => Data[(Columns * i) + 2];
}
