using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>One drawing read back from a cache shard: its key, its label (index into the manifest's classes) and its points.</summary>
public sealed class CachedDrawing
{
    /// <summary>Creates a drawing from packed points.</summary>
    /// <param name="keyId">The drawing's key_id.</param>
    /// <param name="label">The class index.</param>
    /// <param name="points">x, y, flags per point (see <see cref="DrawingCacheFormat"/>); not copied.</param>
    public CachedDrawing(ulong keyId, int label, byte[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Length % 3 != 0)
        {
            throw new ArgumentException("packed points come in threes (x, y, flags)", nameof(points));
        }

        KeyId = keyId;
        Label = label;
        Points = points;
    }

    /// <summary>The drawing's key_id.</summary>
    public ulong KeyId { get; }

    /// <summary>The class index (into <see cref="DrawingCacheManifest.Classes"/>).</summary>
    public int Label { get; }

    /// <summary>Packed points: x, y, flags per point.</summary>
    public byte[] Points { get; }

    /// <summary>The number of points.</summary>
    public int PointCount => Points.Length / 3;

    /// <summary>The strokes, as the simplified format has them (whole coordinates 0–255, no times).</summary>
    /// <returns>New stroke objects.</returns>
    public IReadOnlyList<Stroke> ToStrokes()
    {
        var strokes = new List<Stroke>();
        int start = 0;
        int n = PointCount;
        for (int i = 0; i < n; i++)
        {
            if ((Points[(3 * i) + 2] & DrawingCacheFormat.EndOfStroke) != 0 || i == n - 1)
            {
                var x = new float[i - start + 1];
                var y = new float[i - start + 1];
                for (int p = start; p <= i; p++)
                {
                    x[p - start] = Points[3 * p];
                    y[p - start] = Points[(3 * p) + 1];
                }

                strokes.Add(new Stroke(x, y));
                start = i + 1;
            }
        }

        return strokes;
    }

    /// <summary>The drawing as a <see cref="Drawing"/> (country, time and recognition are not kept by the cache).</summary>
    /// <param name="word">The class name.</param>
    /// <returns>A new drawing.</returns>
    public Drawing ToDrawing(string word) => new(word, string.Empty, default, true, KeyId, ToStrokes());
}
