using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.Strokes;

public sealed class QuickDrawSimplificationTests
{
    private static Drawing Wrap(params Stroke[] strokes) => new("test", "XX", DateTimeOffset.UnixEpoch, true, 1, strokes);

    [Fact]
    public void ARawDrawingLandsInThe255BoxOnWholePixelsWithoutTimes()
    {
        // 600 x 300 canvas pixels, densified every 0.5 px: the larger side becomes 0..255, the aspect ratio is kept.
        float[] xs = Enumerable.Range(0, 1201).Select(i => 100f + (i * 0.5f)).ToArray();
        float[] ys = xs.Select(x => 50f + ((x - 100f) / 2f)).ToArray();
        var raw = new Stroke(xs, ys, Enumerable.Range(0, xs.Length).ToArray());
        IReadOnlyList<Stroke> s = QuickDrawSimplification.Simplify([raw, new Stroke([700f], [350f], [5000])]);

        s.Count.ShouldBe(2);
        s[0].T.ShouldBeNull();
        s[0].X.ShouldBe([0f, 255f]);          // a straight line is its two ends after RDP
        s[0].Y.ShouldBe([0f, 128f]);          // 127.5 rounds half away from zero
        s[1].X.ShouldBe([255f]);
        s[1].Y.ShouldBe([128f]);
        QuickDrawSimplification.IsSimplified(s).ShouldBeTrue();
    }

    [Fact]
    public void CornersSurviveAndWigglesWithinEpsilonDoNot()
    {
        // An L in a 1000 px box with a 1.5 px wobble on its first leg: the wobble is under epsilon (2 px of the
        // 0..255 box = 7.8 canvas px), the corner is 255 px away from the chord.
        var x = new List<float>();
        var y = new List<float>();
        for (int i = 0; i <= 1000; i += 5)
        {
            x.Add(i);
            y.Add((float)(1.5 * Math.Sin(i / 20.0)));
        }

        for (int i = 5; i <= 1000; i += 5)
        {
            x.Add(1000);
            y.Add(i);
        }

        Stroke s = QuickDrawSimplification.Simplify([new Stroke([.. x], [.. y])])[0];
        s.X.ShouldBe([0f, 255f, 255f]);
        s.Y.ShouldBe([0f, 0f, 255f]);
    }

    [Fact]
    public void ScaleAndOffsetOfTheCanvasDoNotChangeTheResult()
    {
        var random = new Random(7);
        float[] x = Enumerable.Range(0, 300).Select(i => (float)(Math.Cos(i / 30.0) * 100 * (1 + (i / 300.0)))).ToArray();
        float[] y = Enumerable.Range(0, 300).Select(i => (float)(Math.Sin(i / 30.0) * 100)).ToArray();
        IReadOnlyList<Stroke> reference = QuickDrawSimplification.Simplify([new Stroke(x, y)]);
        for (int trial = 0; trial < 5; trial++)
        {
            float k = (float)(0.5 + (random.NextDouble() * 4)), dx = random.Next(-500, 500), dy = random.Next(-500, 500);
            IReadOnlyList<Stroke> moved = QuickDrawSimplification.Simplify([new Stroke(x.Select(v => (v * k) + dx).ToArray(), y.Select(v => (v * k) + dy).ToArray())]);
            MaxDistance(moved, reference).ShouldBeLessThanOrEqualTo(1.5, $"scale {k}, offset ({dx}, {dy})");
        }
    }

    [Fact]
    public void OnePointMapsToTheOriginAndBadInputIsRefused()
    {
        Stroke dot = QuickDrawSimplification.Simplify([new Stroke([42.5f, 42.5f], [7f, 7f], [0, 3])])[0];
        dot.X.ShouldAllBe(v => v == 0f);
        dot.Y.ShouldAllBe(v => v == 0f);
        Should.Throw<ArgumentException>(() => QuickDrawSimplification.Simplify([new Stroke([1f, float.NaN], [1f, 2f])]));
        Should.Throw<ArgumentException>(() => QuickDrawSimplification.Simplify([new Stroke([1f, float.PositiveInfinity], [1f, 2f])]));
        Should.Throw<ArgumentException>(() => QuickDrawSimplification.Simplify([new Stroke([], [])]));
    }

    [Fact]
    public void SimplifiedMeansNoTimesAndWholePixelsIn0To255()
    {
        QuickDrawSimplification.IsSimplified([new Stroke([0f, 255f], [3f, 4f])]).ShouldBeTrue();
        QuickDrawSimplification.IsSimplified([new Stroke([0f, 255f], [3f, 4f], [0, 10])]).ShouldBeFalse();
        QuickDrawSimplification.IsSimplified([new Stroke([0f, 256f], [3f, 4f])]).ShouldBeFalse();
        QuickDrawSimplification.IsSimplified([new Stroke([0f, 25.5f], [3f, 4f])]).ShouldBeFalse();
        QuickDrawSimplification.IsSimplified([new Stroke([-1f, 25f], [3f, 4f])]).ShouldBeFalse();
        Drawing simplified = Wrap(new Stroke([0f, 255f], [3f, 4f]));
        QuickDrawSimplification.EnsureSimplified(simplified).ShouldBeSameAs(simplified);
        QuickDrawSimplification.EnsureSimplified(Wrap(new Stroke([0f, 510f], [6f, 8f]))).Strokes[0].X.ShouldBe([0f, 255f]);
    }

    [Fact]
    public void EveryDrawingOfGooglesSimplifiedFilesPassesThrough()
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false });
        int n = 0;
        foreach (string file in Directory.GetFiles(Fixtures.PathOf("quickdraw", "simplified_100"), "*.ndjson"))
        {
            foreach (Drawing d in reader.ReadFile(file))
            {
                QuickDrawSimplification.IsSimplified(d.Strokes).ShouldBeTrue(file);
                QuickDrawSimplification.EnsureSimplified(d).ShouldBeSameAs(d);
                n++;
            }
        }

        n.ShouldBe(600);
    }

    [Fact]
    public void RawVersionsOfRealDrawingsComeBackCloseToGooglesSimplifiedOnes()
    {
        // Canvas-like raw drawings made from simplified ones (random canvas size and offset, densified with sub-pixel
        // jitter, times): Google's procedure brings them back within a few pixels of the 0..255 originals.
        var random = new Random(3);
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false, MaxPerClass = 30 });
        var distances = new List<double>();
        foreach (string file in Directory.GetFiles(Fixtures.PathOf("quickdraw", "simplified_100"), "*.ndjson"))
        {
            foreach (Drawing d in reader.ReadFile(file))
            {
                Drawing raw = RawDrawingMaker.FromSimplified(d, random);
                QuickDrawSimplification.IsSimplified(raw.Strokes).ShouldBeFalse();
                Drawing back = QuickDrawSimplification.Simplify(raw);
                back.Strokes.Count.ShouldBe(d.Strokes.Count);
                (float minX, float minY, float maxX, float maxY) = StrokeNormalization.Bounds(back.Strokes);
                // RDP may drop the points that touched the box, but only those within epsilon (2) of a chord.
                Math.Min(minX, minY).ShouldBeInRange(0f, 2f);
                Math.Max(minX, minY).ShouldBeGreaterThanOrEqualTo(0f);
                Math.Max(maxX, maxY).ShouldBeInRange(253f, 255f);
                distances.Add(MaxDistance(back.Strokes, Rebox(d.Strokes)));
            }
        }

        distances.Count.ShouldBe(180);
        distances.Order().ElementAt(distances.Count * 95 / 100).ShouldBeLessThan(4.0);
        distances.Average().ShouldBeLessThan(2.5);
    }

    // A simplified drawing need not touch 255 (RDP drops edge points); scale it the same way for comparison.
    private static IReadOnlyList<Stroke> Rebox(IReadOnlyList<Stroke> strokes)
    {
        (float minX, float minY, float maxX, float maxY) = StrokeNormalization.Bounds(strokes);
        float scale = 255f / Math.Max(maxX - minX, maxY - minY);
        return strokes.Select(s => new Stroke(s.X.Select(v => (v - minX) * scale).ToArray(), s.Y.Select(v => (v - minY) * scale).ToArray())).ToArray();
    }

    // The largest distance from a point of either drawing to the other's polylines (symmetric Hausdorff).
    private static double MaxDistance(IReadOnlyList<Stroke> a, IReadOnlyList<Stroke> b) => Math.Max(OneWay(a, b), OneWay(b, a));

    private static double OneWay(IReadOnlyList<Stroke> from, IReadOnlyList<Stroke> to)
    {
        double worst = 0;
        foreach (Stroke s in from)
        {
            for (int i = 0; i < s.PointCount; i++)
            {
                double best = double.PositiveInfinity;
                foreach (Stroke t in to)
                {
                    for (int j = 0; j < t.PointCount; j++)
                    {
                        int k = Math.Min(j + 1, t.PointCount - 1);
                        best = Math.Min(best, SegmentDistance(s.X[i], s.Y[i], t.X[j], t.Y[j], t.X[k], t.Y[k]));
                    }
                }

                worst = Math.Max(worst, best);
            }
        }

        return worst;
    }

    private static double SegmentDistance(double px, double py, double ax, double ay, double bx, double by)
    {
        double vx = bx - ax, vy = by - ay, length2 = (vx * vx) + (vy * vy);
        double f = length2 > 0 ? Math.Clamp((((px - ax) * vx) + ((py - ay) * vy)) / length2, 0, 1) : 0;
        double dx = px - (ax + (f * vx)), dy = py - (ay + (f * vy));
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
