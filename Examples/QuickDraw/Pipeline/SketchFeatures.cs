using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// How a drawing becomes the model's input: a raw drawing first goes through Google's simplification
/// (<see cref="QuickDrawSimplification.EnsureSimplified"/>: 0–255 box, 1 px resampling, RDP ε 2), then every drawing is
/// simplified (Ramer–Douglas–Peucker) to at most <see cref="MaxPoints"/>
/// points, centred and scaled so its longer side spans [-1, 1], then five features per point — the offsets
/// (dx, dy) divided by the training set's offset spread (Sketch-RNN's normalisation), the pen lift, and the absolute
/// (x, y). Measured on the sample data: absolute positions and simplification instead of truncation each add several
/// points of accuracy (docs in README).
/// </summary>
internal static class SketchFeatures
{
    public const int FeatureCount = 5;

    /// <summary>
    /// The most points a drawing keeps: <c>data.max_points</c> of Models/SketchClassifier.model.yaml. Exports record it in
    /// <c>qd.preprocessing</c>, so a run exported with another value is refused by serve until it is exported again.
    /// </summary>
    public static int MaxPoints { get; } = new SketchClassifierData().MaxPoints
        ?? throw new InvalidOperationException("Models/SketchClassifier.model.yaml sets no data.max_points; the stroke features need one (128 was measured).");

    public static SketchSample Prepare(Drawing drawing, int label)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        IReadOnlyList<Stroke> strokes = StrokeResampling.SimplifyToMaxPoints(QuickDrawSimplification.EnsureSimplified(drawing).Strokes, MaxPoints);
        var xs = new List<float>();
        var ys = new List<float>();
        var ends = new List<bool>();
        foreach (Stroke stroke in strokes)
        {
            for (int p = 0; p < stroke.PointCount; p++)
            {
                xs.Add(stroke.X[p]);
                ys.Add(stroke.Y[p]);
                ends.Add(p == stroke.PointCount - 1);
            }
        }

        float[] x = xs.ToArray(), y = ys.ToArray();
        Normalise(x, y);
        return new SketchSample(x, y, ends.ToArray(), label);
    }

    /// <summary>The standard deviation of the training set's offsets; offsets are divided by it.</summary>
    public static float OffsetScale(IReadOnlyList<SketchSample> train)
    {
        double sum = 0, squares = 0;
        long n = 0;
        foreach (SketchSample s in train)
        {
            for (int i = 1; i < s.Length; i++)
            {
                double dx = s.X[i] - s.X[i - 1], dy = s.Y[i] - s.Y[i - 1];
                sum += dx + dy;
                squares += (dx * dx) + (dy * dy);
                n += 2;
            }
        }

        double mean = n == 0 ? 0 : sum / n;
        double std = n == 0 ? 1 : Math.Sqrt((squares / n) - (mean * mean));
        return std > 0 ? (float)std : 1f;
    }

    /// <summary>Row-major [T, 5]: dx/scale, dy/scale, pen lift (1 on a stroke's last point), x, y.</summary>
    public static float[] Encode(SketchSample sample, float offsetScale)
    {
        ArgumentNullException.ThrowIfNull(sample);
        int n = sample.Length;
        var features = new float[n * FeatureCount];
        for (int i = 0; i < n; i++)
        {
            int o = i * FeatureCount;
            features[o] = i == 0 ? 0 : (sample.X[i] - sample.X[i - 1]) / offsetScale;
            features[o + 1] = i == 0 ? 0 : (sample.Y[i] - sample.Y[i - 1]) / offsetScale;
            features[o + 2] = sample.End[i] ? 1f : 0f;
            features[o + 3] = sample.X[i];
            features[o + 4] = sample.Y[i];
        }

        return features;
    }

    /// <summary>
    /// A random affine distortion about the centre (per-axis scale ±15 %, shear ±0.15, rotation ±15°, shift ±0.1),
    /// Gaussian jitter (σ 0.01) and dropping 10 % of the interior points; stroke ends are always kept. The generator is
    /// one per sample, seeded from its place in the epoch (<see cref="QuickDrawDsl.Runtime.Data.Batching.BatchContext"/>),
    /// so a resumed run augments exactly as an uninterrupted one.
    /// </summary>
    public static SketchSample Augment(SketchSample s, ShuffleRandom random)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(random);
        double U() => (random.NextDouble() * 2) - 1;
        double sx = 1 + (U() * 0.15), sy = 1 + (U() * 0.15), shear = U() * 0.15, angle = U() * 15 * Math.PI / 180;
        double tx = U() * 0.1, ty = U() * 0.1, cos = Math.Cos(angle), sin = Math.Sin(angle);
        var xs = new List<float>(s.Length);
        var ys = new List<float>(s.Length);
        var ends = new List<bool>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            bool strokeStart = i == 0 || s.End[i - 1];
            if (!strokeStart && !s.End[i] && random.NextDouble() < 0.1)
            {
                continue;
            }

            double x = s.X[i] * sx, y = s.Y[i] * sy;
            x += shear * y;
            xs.Add((float)((cos * x) - (sin * y) + tx + (random.NextGaussian() * 0.01)));
            ys.Add((float)((sin * x) + (cos * y) + ty + (random.NextGaussian() * 0.01)));
            ends.Add(s.End[i]);
        }

        return new SketchSample(xs.ToArray(), ys.ToArray(), ends.ToArray(), s.Label);
    }

    private static void Normalise(float[] x, float[] y)
    {
        if (x.Length == 0)
        {
            return;
        }

        float minX = x.Min(), maxX = x.Max(), minY = y.Min(), maxY = y.Max();
        float extent = Math.Max(maxX - minX, maxY - minY);
        float scale = extent > 0 ? 2f / extent : 1f;
        float cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (x[i] - cx) * scale;
            y[i] = (y[i] - cy) * scale;
        }
    }
}
