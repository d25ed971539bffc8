using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>
/// Google's published simplification of raw Quick, Draw! drawings, the one that made the <c>simplified</c> files:
/// align the drawing to the top-left corner (minimum 0), scale it uniformly so that its larger side spans 0–255,
/// resample every stroke at 1-pixel spacing, simplify it with Ramer–Douglas–Peucker (ε = 2.0), and round to whole
/// pixels. A drawing from a canvas, a tablet or Google's <c>raw</c> files goes through it before a model trained on
/// simplified drawings sees it.
/// </summary>
/// <remarks>
/// The arithmetic is fixed so that other implementations can match it exactly (the QuickDraw web app's JavaScript
/// does): the bounds are taken over all points in single precision; each point maps to
/// <c>(float)((x - minX) * (255.0 / extent))</c> in double precision, where <c>extent</c> is the larger side in double
/// precision (a drawing of one point maps to the origin); resampling is <see cref="StrokeResampling.Resample(IReadOnlyList{Stroke}, float)"/>
/// and simplification <see cref="StrokeResampling.Simplify"/>; the last step rounds half away from zero and clamps
/// to 0–255. Times are dropped, as in the simplified files.
/// </remarks>
public static class QuickDrawSimplification
{
    /// <summary>The larger side of a simplified drawing spans 0 to this value.</summary>
    public const float Size = 255f;

    /// <summary>The resampling step, in pixels of the 0–255 box.</summary>
    public const float ResampleSpacing = 1f;

    /// <summary>The Ramer–Douglas–Peucker tolerance, in pixels of the 0–255 box.</summary>
    public const float Epsilon = 2f;

    /// <summary>A name for this procedure in model metadata.</summary>
    public const string Name = "quickdraw-simplification";

    /// <summary>One line that says what <see cref="Simplify(IReadOnlyList{Stroke})"/> does, for metadata and docs.</summary>
    public const string Description = "align to the top-left corner, scale uniformly so the larger side spans 0-255, resample at 1 px, Ramer-Douglas-Peucker with epsilon 2.0, round to whole pixels";

    /// <summary>Simplifies raw strokes as Google did (see the type's remarks).</summary>
    /// <param name="strokes">The strokes, at least one point in all; coordinates must be finite.</param>
    /// <returns>New strokes with integer coordinates in 0–255 and no times; as many strokes as given.</returns>
    /// <exception cref="ArgumentException">The strokes have no points, or a coordinate is not finite.</exception>
    public static IReadOnlyList<Stroke> Simplify(IReadOnlyList<Stroke> strokes)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        (float minX, float minY, float maxX, float maxY) = StrokeNormalization.Bounds(strokes);
        if (!float.IsFinite(minX) || !float.IsFinite(minY) || !float.IsFinite(maxX) || !float.IsFinite(maxY))
        {
            throw new ArgumentException("the strokes have a coordinate that is not a finite number", nameof(strokes));
        }

        double extent = Math.Max((double)maxX - minX, (double)maxY - minY);
        double scale = extent > 0 ? Size / extent : 0;
        var boxed = new Stroke[strokes.Count];
        for (int s = 0; s < boxed.Length; s++)
        {
            Stroke stroke = strokes[s];
            float[] x = new float[stroke.PointCount];
            float[] y = new float[stroke.PointCount];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = (float)((stroke.X[i] - (double)minX) * scale);
                y[i] = (float)((stroke.Y[i] - (double)minY) * scale);
            }

            boxed[s] = new Stroke(x, y);
        }

        IReadOnlyList<Stroke> simplified = StrokeResampling.Simplify(StrokeResampling.Resample(boxed, ResampleSpacing), Epsilon);
        var result = new Stroke[simplified.Count];
        for (int s = 0; s < result.Length; s++)
        {
            result[s] = new Stroke(Round(simplified[s].X), Round(simplified[s].Y));
        }

        return result;
    }

    /// <summary>Simplifies a raw drawing's strokes (see <see cref="Simplify(IReadOnlyList{Stroke})"/>), keeping its metadata.</summary>
    /// <param name="drawing">The drawing.</param>
    /// <returns>A new drawing.</returns>
    /// <exception cref="ArgumentException">The drawing has no points, or a coordinate is not finite.</exception>
    public static Drawing Simplify(Drawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        return new Drawing(drawing.Word, drawing.CountryCode, drawing.Timestamp, drawing.Recognized, drawing.KeyId, Simplify(drawing.Strokes));
    }

    /// <summary>
    /// Whether strokes are already in the simplified form: no times, and every coordinate a whole number in 0–255.
    /// Google's simplified files always are (RDP may drop the points that touched the box's edges, so a simplified
    /// drawing need not span 0–255 exactly); a canvas drawing, which carries times or fractional pixels, is not.
    /// </summary>
    /// <param name="strokes">The strokes.</param>
    /// <returns><see langword="true"/> when the strokes need no simplification.</returns>
    public static bool IsSimplified(IReadOnlyList<Stroke> strokes)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        foreach (Stroke stroke in strokes)
        {
            if (stroke.T is not null || !OnGrid(stroke.X) || !OnGrid(stroke.Y))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The drawing as a model trained on simplified drawings expects it: itself when <see cref="IsSimplified"/>,
    /// otherwise <see cref="Simplify(Drawing)"/>. Both <c>quickdraw predict</c> and <c>quickdraw serve</c> go through this.
    /// </summary>
    /// <param name="drawing">A simplified or raw drawing.</param>
    /// <returns>A simplified drawing.</returns>
    /// <exception cref="ArgumentException">A raw drawing has no points, or a coordinate is not finite.</exception>
    public static Drawing EnsureSimplified(Drawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        return IsSimplified(drawing.Strokes) ? drawing : Simplify(drawing);
    }

    private static bool OnGrid(float[] values)
    {
        foreach (float v in values)
        {
            if (!(v >= 0 && v <= Size) || v != MathF.Floor(v))
            {
                return false;
            }
        }

        return true;
    }

    private static float[] Round(float[] values)
    {
        float[] rounded = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            rounded[i] = Math.Clamp(MathF.Round(values[i], MidpointRounding.AwayFromZero), 0f, Size);
        }

        return rounded;
    }
}
