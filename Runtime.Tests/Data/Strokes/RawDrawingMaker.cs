using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Tests.Data.Strokes;

/// <summary>
/// Makes a raw drawing, as a canvas would record it, from a simplified one: scaled to a random canvas size and moved
/// by a random offset, densified by interpolation every 1.5–4 canvas pixels with sub-pixel jitter, with times in ms.
/// </summary>
internal static class RawDrawingMaker
{
    public static Drawing FromSimplified(Drawing simplified, Random random)
    {
        ArgumentNullException.ThrowIfNull(simplified);
        ArgumentNullException.ThrowIfNull(random);
        double size = 300 + (random.NextDouble() * 900);
        double scale = size / 255;
        double offsetX = random.NextDouble() * 200, offsetY = random.NextDouble() * 200;
        double step = 1.5 + (random.NextDouble() * 2.5);
        double Jitter() => (random.NextDouble() - 0.5) * 0.6;
        var strokes = new List<Stroke>();
        int time = 0;
        foreach (Stroke s in simplified.Strokes)
        {
            var x = new List<float>();
            var y = new List<float>();
            var t = new List<int>();
            void Add(double px, double py)
            {
                x.Add((float)(offsetX + (px * scale) + Jitter()));
                y.Add((float)(offsetY + (py * scale) + Jitter()));
                t.Add(time);
                time += 8 + random.Next(8);
            }

            Add(s.X[0], s.Y[0]);
            for (int i = 1; i < s.PointCount; i++)
            {
                double dx = s.X[i] - s.X[i - 1], dy = s.Y[i] - s.Y[i - 1];
                int pieces = Math.Max(1, (int)Math.Ceiling(Math.Sqrt((dx * dx) + (dy * dy)) * scale / step));
                for (int k = 1; k <= pieces; k++)
                {
                    Add(s.X[i - 1] + (dx * k / pieces), s.Y[i - 1] + (dy * k / pieces));
                }
            }

            strokes.Add(new Stroke(x.ToArray(), y.ToArray(), t.ToArray()));
            time += 150 + random.Next(300);
        }

        return new Drawing(simplified.Word, simplified.CountryCode, simplified.Timestamp, simplified.Recognized, simplified.KeyId, strokes);
    }
}
