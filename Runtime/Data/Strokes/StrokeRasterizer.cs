using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>
/// Draws strokes into a square grey-scale bitmap (row-major, 0 background, 255 ink), so stroke data can also feed a
/// CNN. Lines are anti-aliased by coverage: a pixel whose centre lies at distance d from a segment gets
/// <c>clamp(LineWidth / 2 + 0.5 - d, 0, 1)</c>, the maximum over segments, scaled to 0..255 and rounded.
/// A one-point stroke is a dot.
/// </summary>
public static class StrokeRasterizer
{
    /// <summary>Rasterizes strokes to bytes 0..255.</summary>
    /// <param name="strokes">The strokes (absolute coordinates).</param>
    /// <param name="options">Size, line width and fitting; null for the defaults.</param>
    /// <returns><c>Size * Size</c> bytes, row-major (y down).</returns>
    public static byte[] Rasterize(IReadOnlyList<Stroke> strokes, RasterOptions? options = null)
    {
        float[] coverage = Coverage(strokes, options ?? new RasterOptions());
        byte[] result = new byte[coverage.Length];
        for (int i = 0; i < coverage.Length; i++)
        {
            result[i] = (byte)Math.Round(coverage[i] * 255f, MidpointRounding.AwayFromZero);
        }

        return result;
    }

    /// <summary>Rasterizes a drawing (see <see cref="Rasterize(IReadOnlyList{Stroke}, RasterOptions)"/>).</summary>
    /// <param name="drawing">The drawing.</param>
    /// <param name="options">Size, line width and fitting; null for the defaults.</param>
    /// <returns><c>Size * Size</c> bytes.</returns>
    public static byte[] Rasterize(Drawing drawing, RasterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        return Rasterize(drawing.Strokes, options);
    }

    /// <summary>Rasterizes a stroke-3 sequence, its offsets summed from (0, 0).</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="options">Size, line width and fitting; null for the defaults.</param>
    /// <returns><c>Size * Size</c> bytes.</returns>
    public static byte[] Rasterize(Stroke3Sequence sequence, RasterOptions? options = null) =>
        Rasterize(StrokeConversions.ToStrokes(sequence), options);

    /// <summary>Rasterizes strokes to coverage values 0..1 (not quantised).</summary>
    /// <param name="strokes">The strokes.</param>
    /// <param name="options">Size, line width and fitting.</param>
    /// <returns><c>Size * Size</c> values, row-major.</returns>
    public static float[] Coverage(IReadOnlyList<Stroke> strokes, RasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, 1, nameof(options));
        if (!(options.LineWidth > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "LineWidth must be positive");
        }

        int size = options.Size;
        float[] image = new float[size * size];
        if (strokes.Count == 0)
        {
            return image;
        }

        float scale = 1f;
        float offsetX = 0f;
        float offsetY = 0f;
        if (options.FitToBox)
        {
            (float minX, float minY, float maxX, float maxY) = StrokeNormalization.Bounds(strokes);
            float box = size - (2 * options.Padding);
            float extent = Math.Max(maxX - minX, maxY - minY);
            scale = extent > 0 ? box / extent : 1f;
            offsetX = ((size - ((maxX - minX) * scale)) / 2f) - (minX * scale);
            offsetY = ((size - ((maxY - minY) * scale)) / 2f) - (minY * scale);
        }

        float reach = (options.LineWidth / 2f) + 0.5f;
        foreach (Stroke s in strokes)
        {
            for (int i = 0; i < s.PointCount; i++)
            {
                int j = Math.Min(i + 1, s.PointCount - 1);
                if (i == j && s.PointCount > 1)
                {
                    break;
                }

                DrawSegment(
                    image,
                    size,
                    (s.X[i] * scale) + offsetX,
                    (s.Y[i] * scale) + offsetY,
                    (s.X[j] * scale) + offsetX,
                    (s.Y[j] * scale) + offsetY,
                    reach);
            }
        }

        return image;
    }

    private static void DrawSegment(float[] image, int size, float ax, float ay, float bx, float by, float reach)
    {
        int x0 = Math.Max(0, (int)Math.Floor(Math.Min(ax, bx) - reach));
        int x1 = Math.Min(size - 1, (int)Math.Ceiling(Math.Max(ax, bx) + reach));
        int y0 = Math.Max(0, (int)Math.Floor(Math.Min(ay, by) - reach));
        int y1 = Math.Min(size - 1, (int)Math.Ceiling(Math.Max(ay, by) + reach));
        float vx = bx - ax;
        float vy = by - ay;
        float len2 = (vx * vx) + (vy * vy);
        for (int y = y0; y <= y1; y++)
        {
            float py = y + 0.5f;
            for (int x = x0; x <= x1; x++)
            {
                float px = x + 0.5f;
                float t = len2 > 0 ? Math.Clamp((((px - ax) * vx) + ((py - ay) * vy)) / len2, 0f, 1f) : 0f;
                float dx = px - (ax + (t * vx));
                float dy = py - (ay + (t * vy));
                float c = Math.Clamp(reach - MathF.Sqrt((dx * dx) + (dy * dy)), 0f, 1f);
                int k = (y * size) + x;
                if (c > image[k])
                {
                    image[k] = c;
                }
            }
        }
    }
}
