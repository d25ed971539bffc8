using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// Resamples a drawing to exactly <c>points</c> points spread evenly along its ink: each stroke keeps its two ends
/// and gets a share of the rest proportional to its length, placed at equal arc-length steps. A fixed length lets
/// the vec2seq decoder produce whole drawings without an end-of-sequence token, and equal steps make the offsets
/// regular enough to regress.
/// </summary>
internal static class FixedLengthResampler
{
    /// <summary>Resamples <paramref name="strokes"/> to <paramref name="points"/> points in total.</summary>
    /// <param name="strokes">The strokes (at least one point overall).</param>
    /// <param name="points">The total number of points (at least 2).</param>
    /// <returns>Strokes in the original order, each with at least 2 points; when a drawing has more than
    /// <c>points / 2</c> strokes its shortest strokes are dropped.</returns>
    public static IReadOnlyList<Stroke> Resample(IReadOnlyList<Stroke> strokes, int points)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        Stroke[] kept = strokes.Where(s => s.PointCount > 0).ToArray();
        if (kept.Length == 0)
        {
            throw new ArgumentException("the drawing has no points", nameof(strokes));
        }

        double[] lengths = kept.Select(Length).ToArray();
        int maxStrokes = points / 2;
        if (kept.Length > maxStrokes)
        {
            // Keep the longest strokes, in drawing order (ties: the earlier stroke).
            int[] keep = Enumerable.Range(0, kept.Length).OrderByDescending(i => lengths[i]).ThenBy(i => i).Take(maxStrokes).Order().ToArray();
            kept = keep.Select(i => kept[i]).ToArray();
            lengths = keep.Select(i => lengths[i]).ToArray();
        }

        int[] counts = Allocate(lengths, points);
        var result = new Stroke[kept.Length];
        for (int s = 0; s < kept.Length; s++)
        {
            result[s] = Evenly(kept[s], lengths[s], counts[s]);
        }

        return result;
    }

    /// <summary>Two points per stroke, the rest by largest remainder in proportion to length (evenly when there is no ink).</summary>
    private static int[] Allocate(double[] lengths, int points)
    {
        int n = lengths.Length;
        int[] counts = Enumerable.Repeat(2, n).ToArray();
        int extra = points - (2 * n);
        double total = lengths.Sum();
        double[] share = total > 0 ? lengths.Select(l => extra * l / total).ToArray() : Enumerable.Repeat((double)extra / n, n).ToArray();
        int given = 0;
        for (int i = 0; i < n; i++)
        {
            int whole = (int)Math.Floor(share[i]);
            counts[i] += whole;
            given += whole;
        }

        foreach (int i in Enumerable.Range(0, n).OrderByDescending(i => share[i] - Math.Floor(share[i])).ThenBy(i => i).Take(extra - given))
        {
            counts[i]++;
        }

        return counts;
    }

    private static Stroke Evenly(Stroke stroke, double length, int count)
    {
        float[] xs = new float[count];
        float[] ys = new float[count];
        int segment = 1;
        double walked = 0;
        for (int j = 0; j < count; j++)
        {
            double at = length * j / (count - 1);
            while (segment < stroke.PointCount - 1 && walked + SegmentLength(stroke, segment) < at)
            {
                walked += SegmentLength(stroke, segment);
                segment++;
            }

            if (stroke.PointCount == 1)
            {
                xs[j] = stroke.X[0];
                ys[j] = stroke.Y[0];
                continue;
            }

            double piece = SegmentLength(stroke, segment);
            double f = piece > 0 ? Math.Clamp((at - walked) / piece, 0, 1) : 0;
            xs[j] = (float)(stroke.X[segment - 1] + (f * (stroke.X[segment] - stroke.X[segment - 1])));
            ys[j] = (float)(stroke.Y[segment - 1] + (f * (stroke.Y[segment] - stroke.Y[segment - 1])));
        }

        // The ends are exact, whatever the rounding along the way.
        xs[^1] = stroke.X[^1];
        ys[^1] = stroke.Y[^1];
        return new Stroke(xs, ys);
    }

    private static double Length(Stroke stroke)
    {
        double sum = 0;
        for (int i = 1; i < stroke.PointCount; i++)
        {
            sum += SegmentLength(stroke, i);
        }

        return sum;
    }

    private static double SegmentLength(Stroke stroke, int i)
    {
        double dx = stroke.X[i] - stroke.X[i - 1];
        double dy = stroke.Y[i] - stroke.Y[i - 1];
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
