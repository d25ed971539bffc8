using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>Length control for stroke data: truncation of stroke-3 sequences and uniform arc-length resampling of strokes.</summary>
public static class StrokeResampling
{
    /// <summary>Keeps the first <paramref name="maxLength"/> rows; the last kept row gets <c>pen_lift = 1</c> so the final stroke is closed.</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="maxLength">The maximum number of rows (at least 1).</param>
    /// <returns>The sequence itself when it is short enough, else a truncated copy.</returns>
    public static Stroke3Sequence Truncate(Stroke3Sequence sequence, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (sequence.Length <= maxLength)
        {
            return sequence;
        }

        float[] data = sequence.Data.AsSpan(0, maxLength * Stroke3Sequence.Columns).ToArray();
        data[^1] = 1f;
        return new Stroke3Sequence(data);
    }

    /// <summary>
    /// Resamples each stroke at a uniform arc-length <paramref name="spacing"/>: points at distances 0, spacing,
    /// 2*spacing, ... along the polyline, plus the stroke's last point. Times, when present, are interpolated and rounded.
    /// </summary>
    /// <param name="strokes">The strokes.</param>
    /// <param name="spacing">The distance between consecutive points (positive).</param>
    /// <returns>The resampled strokes.</returns>
    public static IReadOnlyList<Stroke> Resample(IReadOnlyList<Stroke> strokes, float spacing)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        if (!(spacing > 0) || float.IsInfinity(spacing))
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), "spacing must be positive and finite");
        }

        var result = new Stroke[strokes.Count];
        for (int s = 0; s < strokes.Count; s++)
        {
            result[s] = ResampleStroke(strokes[s], spacing);
        }

        return result;
    }

    /// <summary>Resamples a drawing's strokes (see <see cref="Resample(IReadOnlyList{Stroke}, float)"/>), keeping its metadata.</summary>
    /// <param name="drawing">The drawing.</param>
    /// <param name="spacing">The distance between consecutive points.</param>
    /// <returns>A new drawing.</returns>
    public static Drawing Resample(Drawing drawing, float spacing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        return new Drawing(drawing.Word, drawing.CountryCode, drawing.Timestamp, drawing.Recognized, drawing.KeyId, Resample(drawing.Strokes, spacing));
    }

    /// <summary>
    /// Simplifies each stroke with Ramer-Douglas-Peucker: a point is kept when it lies farther than
    /// <paramref name="epsilon"/> from the chord of the points kept around it (Google simplified its strokes with 2.0).
    /// First and last points are always kept; times, when present, follow their points.
    /// </summary>
    /// <param name="strokes">The strokes.</param>
    /// <param name="epsilon">The tolerance in coordinate units (not negative).</param>
    /// <returns>The simplified strokes.</returns>
    public static IReadOnlyList<Stroke> Simplify(IReadOnlyList<Stroke> strokes, float epsilon)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        if (!(epsilon >= 0) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), "epsilon must be finite and not negative");
        }

        var result = new Stroke[strokes.Count];
        for (int s = 0; s < strokes.Count; s++)
        {
            result[s] = SimplifyStroke(strokes[s], epsilon);
        }

        return result;
    }

    /// <summary>
    /// Brings a drawing down to at most <paramref name="maxPoints"/> points: Ramer-Douglas-Peucker with a tolerance
    /// that starts at 0.5 and doubles until the drawing fits (or stops helping), then, if still too long, the points
    /// beyond the limit are cut off the end (later strokes first). Drawings already short enough are returned as they are.
    /// </summary>
    /// <param name="strokes">The strokes.</param>
    /// <param name="maxPoints">The limit (at least 1).</param>
    /// <returns>Strokes with at most <paramref name="maxPoints"/> points in total.</returns>
    public static IReadOnlyList<Stroke> SimplifyToMaxPoints(IReadOnlyList<Stroke> strokes, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        IReadOnlyList<Stroke> current = strokes;
        int count = CountPoints(current);
        for (float epsilon = 0.5f; count > maxPoints && epsilon < 1e7f; epsilon *= 2)
        {
            current = Simplify(strokes, epsilon);
            count = CountPoints(current);
            if (count == TwoPointFloor(strokes))
            {
                break;
            }
        }

        if (count <= maxPoints)
        {
            return current;
        }

        var cut = new List<Stroke>();
        int left = maxPoints;
        foreach (Stroke s in current)
        {
            if (left == 0)
            {
                break;
            }

            int take = Math.Min(left, s.PointCount);
            cut.Add(take == s.PointCount ? s : new Stroke(s.X[..take], s.Y[..take], s.T?[..take]));
            left -= take;
        }

        return cut;
    }

    private static int CountPoints(IReadOnlyList<Stroke> strokes)
    {
        int n = 0;
        foreach (Stroke s in strokes)
        {
            n += s.PointCount;
        }

        return n;
    }

    private static int TwoPointFloor(IReadOnlyList<Stroke> strokes)
    {
        int n = 0;
        foreach (Stroke s in strokes)
        {
            n += Math.Min(2, s.PointCount);
        }

        return n;
    }

    private static Stroke SimplifyStroke(Stroke stroke, float epsilon)
    {
        int n = stroke.PointCount;
        if (n <= 2)
        {
            return stroke;
        }

        bool[] keep = new bool[n];
        keep[0] = true;
        keep[n - 1] = true;
        var pending = new Stack<(int First, int Last)>();
        pending.Push((0, n - 1));
        while (pending.Count > 0)
        {
            (int first, int last) = pending.Pop();
            double ax = stroke.X[first];
            double ay = stroke.Y[first];
            double vx = stroke.X[last] - ax;
            double vy = stroke.Y[last] - ay;
            double length = Math.Sqrt((vx * vx) + (vy * vy));
            double worst = -1;
            int worstIndex = -1;
            for (int i = first + 1; i < last; i++)
            {
                double px = stroke.X[i] - ax;
                double py = stroke.Y[i] - ay;
                double d = length > 0 ? Math.Abs((vx * py) - (vy * px)) / length : Math.Sqrt((px * px) + (py * py));
                if (d > worst)
                {
                    worst = d;
                    worstIndex = i;
                }
            }

            if (worstIndex >= 0 && worst > epsilon)
            {
                keep[worstIndex] = true;
                pending.Push((first, worstIndex));
                pending.Push((worstIndex, last));
            }
        }

        var xs = new List<float>();
        var ys = new List<float>();
        List<int>? ts = stroke.T is null ? null : [];
        for (int i = 0; i < n; i++)
        {
            if (keep[i])
            {
                xs.Add(stroke.X[i]);
                ys.Add(stroke.Y[i]);
                ts?.Add(stroke.T![i]);
            }
        }

        return new Stroke(xs.ToArray(), ys.ToArray(), ts?.ToArray());
    }

    private static Stroke ResampleStroke(Stroke stroke, float spacing)
    {
        int n = stroke.PointCount;
        if (n <= 1)
        {
            return stroke;
        }

        var xs = new List<float> { stroke.X[0] };
        var ys = new List<float> { stroke.Y[0] };
        List<int>? ts = stroke.T is null ? null : [stroke.T[0]];
        double next = spacing;
        double walked = 0;
        for (int i = 1; i < n; i++)
        {
            double x0 = stroke.X[i - 1];
            double y0 = stroke.Y[i - 1];
            double segment = Math.Sqrt(((stroke.X[i] - x0) * (stroke.X[i] - x0)) + ((stroke.Y[i] - y0) * (stroke.Y[i] - y0)));
            while (segment > 0 && next <= walked + segment + 1e-9)
            {
                double f = Math.Min(1, (next - walked) / segment);
                xs.Add((float)(x0 + (f * (stroke.X[i] - x0))));
                ys.Add((float)(y0 + (f * (stroke.Y[i] - y0))));
                ts?.Add((int)Math.Round(stroke.T![i - 1] + (f * (stroke.T[i] - stroke.T[i - 1])), MidpointRounding.AwayFromZero));
                next += spacing;
            }

            walked += segment;
        }

        float lx = stroke.X[n - 1];
        float ly = stroke.Y[n - 1];
        float dx = lx - xs[^1];
        float dy = ly - ys[^1];
        if ((dx * dx) + (dy * dy) > 1e-6f * spacing * spacing)
        {
            xs.Add(lx);
            ys.Add(ly);
            ts?.Add(stroke.T![n - 1]);
        }

        return new Stroke(xs.ToArray(), ys.ToArray(), ts?.ToArray());
    }
}
