using System;
using System.Collections.Generic;
using System.Globalization;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>Conversions between absolute strokes, stroke-3 and stroke-5 (Sketch-RNN) layouts.</summary>
public static class StrokeConversions
{
    /// <summary>The number of columns of a stroke-5 row: <c>(dx, dy, p1, p2, p3)</c>.</summary>
    public const int Stroke5Columns = 5;

    /// <summary>
    /// Converts absolute strokes to stroke-3: one row per point, <c>(x_i - x_(i-1), y_i - y_(i-1), pen_lift)</c>,
    /// with the previous point running across stroke boundaries (the offset of a stroke's first point is the pen-up
    /// move from the previous stroke's last point) and <c>pen_lift = 1</c> on the last point of each stroke.
    /// </summary>
    /// <param name="strokes">The strokes, in order.</param>
    /// <param name="origin">What the first row is relative to (see <see cref="Stroke3Origin"/>).</param>
    /// <returns>The sequence, as many rows as points.</returns>
    public static Stroke3Sequence ToStroke3(IReadOnlyList<Stroke> strokes, Stroke3Origin origin = Stroke3Origin.Zero)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        int points = 0;
        foreach (Stroke s in strokes)
        {
            points += s.PointCount;
        }

        float[] data = new float[points * Stroke3Sequence.Columns];
        float px = 0;
        float py = 0;
        bool first = true;
        int row = 0;
        foreach (Stroke s in strokes)
        {
            for (int i = 0; i < s.PointCount; i++)
            {
                float x = s.X[i];
                float y = s.Y[i];
                if (first && origin == Stroke3Origin.FirstPoint)
                {
                    px = x;
                    py = y;
                }

                first = false;
                data[3 * row] = x - px;
                data[(3 * row) + 1] = y - py;
                data[(3 * row) + 2] = i == s.PointCount - 1 ? 1f : 0f;
                px = x;
                py = y;
                row++;
            }
        }

        return new Stroke3Sequence(data);
    }

    /// <summary>Converts a drawing's strokes to stroke-3 (see <see cref="ToStroke3(IReadOnlyList{Stroke}, Stroke3Origin)"/>).</summary>
    /// <param name="drawing">The drawing.</param>
    /// <param name="origin">What the first row is relative to.</param>
    /// <returns>The sequence.</returns>
    public static Stroke3Sequence ToStroke3(Drawing drawing, Stroke3Origin origin = Stroke3Origin.Zero)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        return ToStroke3(drawing.Strokes, origin);
    }

    /// <summary>
    /// Converts stroke-3 back to absolute strokes by summing the offsets from (0, 0); a stroke ends at every row whose
    /// pen_lift is non-zero (and at the last row).
    /// </summary>
    /// <param name="sequence">The sequence.</param>
    /// <returns>The strokes.</returns>
    public static IReadOnlyList<Stroke> ToStrokes(Stroke3Sequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var strokes = new List<Stroke>();
        var xs = new List<float>();
        var ys = new List<float>();
        float x = 0;
        float y = 0;
        for (int i = 0; i < sequence.Length; i++)
        {
            x += sequence.Dx(i);
            y += sequence.Dy(i);
            xs.Add(x);
            ys.Add(y);
            if (sequence.PenLift(i) != 0 || i == sequence.Length - 1)
            {
                strokes.Add(new Stroke(xs.ToArray(), ys.ToArray()));
                xs.Clear();
                ys.Clear();
            }
        }

        return strokes;
    }

    /// <summary>
    /// Converts stroke-3 to Sketch-RNN's stroke-5: row <c>i &lt; L</c> is <c>(dx, dy, 1 - pen, pen, 0)</c>, every
    /// later row is the end-of-sequence row <c>(0, 0, 0, 0, 1)</c>. The result has <c>maxLength + 1</c> rows
    /// (one more with <paramref name="prependStartToken"/>), so every sequence ends with at least one end-of-sequence row.
    /// </summary>
    /// <param name="sequence">The sequence; at most <paramref name="maxLength"/> rows (truncate or resample first).</param>
    /// <param name="maxLength">The longest sequence of the data set.</param>
    /// <param name="prependStartToken">Start with Sketch-RNN's start token <c>(0, 0, 1, 0, 0)</c>, as its decoder input does.</param>
    /// <returns>Row-major <c>[rows, 5]</c> values.</returns>
    /// <exception cref="ArgumentException">The sequence is longer than <paramref name="maxLength"/>.</exception>
    public static float[] ToStroke5(Stroke3Sequence sequence, int maxLength, bool prependStartToken = false)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (sequence.Length > maxLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the sequence has {sequence.Length} rows, more than maxLength {maxLength}; truncate or resample it first"), nameof(sequence));
        }

        int offset = prependStartToken ? 1 : 0;
        int rows = maxLength + 1 + offset;
        float[] result = new float[rows * Stroke5Columns];
        if (prependStartToken)
        {
            result[2] = 1f;
        }

        for (int i = 0; i < rows - offset; i++)
        {
            int r = (i + offset) * Stroke5Columns;
            if (i < sequence.Length)
            {
                float pen = sequence.PenLift(i) != 0 ? 1f : 0f;
                result[r] = sequence.Dx(i);
                result[r + 1] = sequence.Dy(i);
                result[r + 2] = 1f - pen;
                result[r + 3] = pen;
            }
            else
            {
                result[r + 4] = 1f;
            }
        }

        return result;
    }

    /// <summary>Converts stroke-5 rows back to stroke-3, stopping at the first end-of-sequence row (<c>p3 = 1</c>).</summary>
    /// <param name="stroke5">Row-major <c>[rows, 5]</c> values without a start token.</param>
    /// <returns>The sequence.</returns>
    public static Stroke3Sequence FromStroke5(ReadOnlySpan<float> stroke5)
    {
        if (stroke5.Length % Stroke5Columns != 0)
        {
            throw new ArgumentException("stroke-5 data must have a multiple of 5 values", nameof(stroke5));
        }

        var data = new List<float>();
        for (int r = 0; r < stroke5.Length; r += Stroke5Columns)
        {
            if (stroke5[r + 4] != 0)
            {
                break;
            }

            data.Add(stroke5[r]);
            data.Add(stroke5[r + 1]);
            data.Add(stroke5[r + 3] != 0 ? 1f : 0f);
        }

        return new Stroke3Sequence(data.ToArray());
    }
}
