using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>Scale normalisation of strokes.</summary>
public static class StrokeNormalization
{
    /// <summary>
    /// Sketch-RNN's normalising factor: the population standard deviation of all dx and dy values together
    /// (pen columns excluded), over every sequence.
    /// </summary>
    /// <param name="sequences">The training sequences.</param>
    /// <returns>The factor; 1 when there is no data or the deviation is 0.</returns>
    public static double OffsetScaleFactor(IEnumerable<Stroke3Sequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        long n = 0;
        double mean = 0;
        double m2 = 0;
        foreach (Stroke3Sequence s in sequences)
        {
            for (int i = 0; i < s.Length; i++)
            {
                Accumulate(s.Dx(i), ref n, ref mean, ref m2);
                Accumulate(s.Dy(i), ref n, ref mean, ref m2);
            }
        }

        if (n == 0)
        {
            return 1;
        }

        double std = Math.Sqrt(m2 / n);
        return std > 0 ? std : 1;
    }

    /// <summary>Divides dx and dy of every row by <paramref name="factor"/>; the pen column is kept.</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="factor">The divisor, e.g. <see cref="OffsetScaleFactor"/>.</param>
    /// <returns>A new sequence.</returns>
    public static Stroke3Sequence Scale(Stroke3Sequence sequence, double factor)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), "the factor must be positive and finite");
        }

        float[] data = (float[])sequence.Data.Clone();
        for (int i = 0; i < sequence.Length; i++)
        {
            data[3 * i] = (float)(data[3 * i] / factor);
            data[(3 * i) + 1] = (float)(data[(3 * i) + 1] / factor);
        }

        return new Stroke3Sequence(data);
    }

    /// <summary>
    /// Moves a drawing to the top-left corner and scales it uniformly so that its longer side spans [0, 1]
    /// (aspect ratio kept; a single point maps to (0, 0)). Times are kept.
    /// </summary>
    /// <param name="drawing">The drawing.</param>
    /// <returns>A new drawing with the same metadata.</returns>
    public static Drawing ToUnitBox(Drawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        (float minX, float minY, float maxX, float maxY) = Bounds(drawing.Strokes);
        float extent = Math.Max(maxX - minX, maxY - minY);
        float scale = extent > 0 ? 1f / extent : 1f;
        var strokes = new Stroke[drawing.Strokes.Count];
        for (int s = 0; s < strokes.Length; s++)
        {
            Stroke src = drawing.Strokes[s];
            float[] x = new float[src.PointCount];
            float[] y = new float[src.PointCount];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = (src.X[i] - minX) * scale;
                y[i] = (src.Y[i] - minY) * scale;
            }

            strokes[s] = new Stroke(x, y, src.T);
        }

        return new Drawing(drawing.Word, drawing.CountryCode, drawing.Timestamp, drawing.Recognized, drawing.KeyId, strokes);
    }

    /// <summary>The bounding box of strokes.</summary>
    /// <param name="strokes">The strokes (at least one point).</param>
    /// <returns>Minimum and maximum x and y.</returns>
    public static (float MinX, float MinY, float MaxX, float MaxY) Bounds(IReadOnlyList<Stroke> strokes)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        float minX = float.PositiveInfinity;
        float minY = float.PositiveInfinity;
        float maxX = float.NegativeInfinity;
        float maxY = float.NegativeInfinity;
        foreach (Stroke s in strokes)
        {
            for (int i = 0; i < s.PointCount; i++)
            {
                minX = Math.Min(minX, s.X[i]);
                maxX = Math.Max(maxX, s.X[i]);
                minY = Math.Min(minY, s.Y[i]);
                maxY = Math.Max(maxY, s.Y[i]);
            }
        }

        if (float.IsPositiveInfinity(minX))
        {
            throw new ArgumentException("the strokes have no points", nameof(strokes));
        }

        return (minX, minY, maxX, maxY);
    }

    private static void Accumulate(double v, ref long n, ref double mean, ref double m2)
    {
        n++;
        double delta = v - mean;
        mean += delta / n;
        m2 += delta * (v - mean);
    }
}
