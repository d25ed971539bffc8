using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// How a drawing becomes the model's numbers and back. A drawing is resampled to <see cref="Points"/> points,
/// centred and scaled so that its longer side is 1, and written as stroke-3 whose first row is the first point
/// itself, so summing rows gives positions. With <c>s</c> the training set's offset spread (Sketch-RNN's normaliser):
/// the encoder reads <c>(dx / s, dy / s, pen_lift, 2x, 2y)</c> per point and the decoder writes
/// <c>(x / s, y / s, pen_lift)</c> per point, which <see cref="FromPoints"/> differences back into stroke-3.
/// </summary>
internal static class SketchEncoding
{
    /// <summary>Points per drawing: the decoder's steps, read from its YAML spec's output shape.</summary>
    public static readonly int Points = int.Parse(SketchDecoder.Info.OutputShape[0], CultureInfo.InvariantCulture);

    /// <summary>Columns of a decoder row (x, y, pen_lift).</summary>
    public const int PointColumns = 3;

    /// <summary>Columns of an encoder row (dx, dy, pen_lift, x, y).</summary>
    public const int FeatureColumns = 5;

    /// <summary>Resamples, centres and scales a drawing, and writes it as stroke-3 of exactly <see cref="Points"/> rows.</summary>
    /// <param name="drawing">The drawing.</param>
    /// <returns>Offsets in units of the drawing's longer side; the first row is the first point's position.</returns>
    public static Stroke3Sequence Prepare(Drawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        IReadOnlyList<Stroke> strokes = FixedLengthResampler.Resample(drawing.Strokes, Points);
        return StrokeConversions.ToStroke3(Centre(strokes), Stroke3Origin.Zero);
    }

    /// <summary>The decoder rows of a prepared drawing: positions over <paramref name="scale"/> and the pen lift.</summary>
    /// <param name="sequence">A prepared drawing.</param>
    /// <param name="scale">The offset scale <c>s</c>.</param>
    /// <returns>Row-major <c>[Points, 3]</c>.</returns>
    public static float[] PointRows(Stroke3Sequence sequence, float scale)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        float[] rows = new float[sequence.Length * PointColumns];
        float x = 0;
        float y = 0;
        for (int i = 0; i < sequence.Length; i++)
        {
            x += sequence.Dx(i);
            y += sequence.Dy(i);
            rows[3 * i] = x / scale;
            rows[(3 * i) + 1] = y / scale;
            rows[(3 * i) + 2] = sequence.PenLift(i);
        }

        return rows;
    }

    /// <summary>The encoder rows of a prepared drawing.</summary>
    /// <param name="sequence">A prepared drawing.</param>
    /// <param name="scale">The offset scale <c>s</c>.</param>
    /// <returns>Row-major <c>[Points, 5]</c>.</returns>
    public static float[] FeatureRows(Stroke3Sequence sequence, float scale)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        float[] rows = new float[sequence.Length * FeatureColumns];
        float x = 0;
        float y = 0;
        for (int i = 0; i < sequence.Length; i++)
        {
            x += sequence.Dx(i);
            y += sequence.Dy(i);
            int r = FeatureColumns * i;
            rows[r] = sequence.Dx(i) / scale;
            rows[r + 1] = sequence.Dy(i) / scale;
            rows[r + 2] = sequence.PenLift(i);
            rows[r + 3] = 2 * x;
            rows[r + 4] = 2 * y;
        }

        return rows;
    }

    /// <summary>
    /// Decides where strokes end from the decoder's pen column: the number of strokes is the rounded sum of the pen
    /// values (each is a regressed probability), and the pen lifts at that many points with the highest values; the
    /// last point always ends a stroke. A 0.5 threshold would almost never lift the pen, since each individual lift
    /// is uncertain even when their count is not.
    /// </summary>
    /// <param name="pen">The pen values of one drawing, one per point.</param>
    /// <returns>True where the pen lifts.</returns>
    public static bool[] PenLifts(ReadOnlySpan<float> pen)
    {
        int n = pen.Length;
        bool[] lifts = new bool[n];
        if (n == 0)
        {
            return lifts;
        }

        double sum = 0;
        foreach (float p in pen[..^1])
        {
            sum += Math.Clamp(p, 0f, 1f);
        }

        // The strokes besides the last one, whose end is fixed.
        int inner = Math.Min(n - 1, (int)Math.Round(sum, MidpointRounding.AwayFromZero));
        float[] values = pen[..^1].ToArray();
        foreach (int i in Enumerable.Range(0, n - 1).OrderByDescending(i => values[i]).ThenBy(i => i).Take(inner))
        {
            lifts[i] = true;
        }

        lifts[n - 1] = true;
        return lifts;
    }

    /// <summary>Turns decoder rows into stroke-3: consecutive positions differenced and times <paramref name="scale"/>, pen lifts from <see cref="PenLifts"/>.</summary>
    /// <param name="rows">Row-major <c>[points, 3]</c> decoder output.</param>
    /// <param name="scale">The offset scale <c>s</c>.</param>
    /// <returns>Stroke-3 in units of a drawing's longer side; the first row is the first point's position.</returns>
    public static Stroke3Sequence FromPoints(ReadOnlySpan<float> rows, float scale)
    {
        int n = rows.Length / PointColumns;
        float[] pen = new float[n];
        for (int i = 0; i < n; i++)
        {
            pen[i] = rows[(3 * i) + 2];
        }

        bool[] lifts = PenLifts(pen);
        float[] data = new float[n * PointColumns];
        float px = 0;
        float py = 0;
        for (int i = 0; i < n; i++)
        {
            float x = rows[3 * i] * scale;
            float y = rows[(3 * i) + 1] * scale;
            data[3 * i] = x - px;
            data[(3 * i) + 1] = y - py;
            data[(3 * i) + 2] = lifts[i] ? 1f : 0f;
            px = x;
            py = y;
        }

        return new Stroke3Sequence(data);
    }

    private static Stroke[] Centre(IReadOnlyList<Stroke> strokes)
    {
        (float minX, float minY, float maxX, float maxY) = StrokeNormalization.Bounds(strokes);
        float extent = Math.Max(maxX - minX, maxY - minY);
        float scale = extent > 0 ? 1f / extent : 1f;
        float cx = (minX + maxX) / 2;
        float cy = (minY + maxY) / 2;
        var result = new Stroke[strokes.Count];
        for (int s = 0; s < strokes.Count; s++)
        {
            Stroke src = strokes[s];
            float[] x = new float[src.PointCount];
            float[] y = new float[src.PointCount];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = (src.X[i] - cx) * scale;
                y[i] = (src.Y[i] - cy) * scale;
            }

            result[s] = new Stroke(x, y);
        }

        return result;
    }
}
