using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Runtime.Tests.Data.Video;

/// <summary><see cref="SyntheticClipOptions.RandomMotion"/> and <see cref="SyntheticClipOptions.Scaling"/>: motion that only shows between frames, and growing or shrinking squares.</summary>
public sealed class RandomMotionClipTests
{
    private static readonly SyntheticClipOptions Clean = new() { Frames = 8, Size = 16, Noise = 0, RandomMotion = true, Scaling = true };

    [Fact]
    public void ScalingAddsTwoBalancedClassesAndIsSeeded()
    {
        var generator = new SyntheticClipGenerator(3, Clean with { Noise = 0.2 });
        generator.Classes.ShouldBe([MotionDirection.Right, MotionDirection.Left, MotionDirection.Down, MotionDirection.Up, MotionDirection.Grow, MotionDirection.Shrink]);
        IReadOnlyList<VideoClip> clips = generator.GenerateBalanced(5);
        clips.Select(c => c.Label).ShouldBe(Enumerable.Range(0, 30).Select(i => (long)(i % 6)));
        clips[0].Shape.ShouldBe([1L, 8, 16, 16]);
        new SyntheticClipGenerator(3, Clean with { Noise = 0.2 }).GenerateBalanced(5)[29].Data.ShouldBe(clips[29].Data);
        new SyntheticClipGenerator(4, Clean with { Noise = 0.2 }).GenerateBalanced(5)[29].Data.ShouldNotBe(clips[29].Data);

        Should.Throw<ArgumentOutOfRangeException>(() => new SyntheticClipGenerator(3).Next(MotionDirection.Grow)).Message.ShouldContain("Scaling");
    }

    [Theory]
    [InlineData(MotionDirection.Right, 1, 0)]
    [InlineData(MotionDirection.Left, -1, 0)]
    [InlineData(MotionDirection.Down, 0, 1)]
    [InlineData(MotionDirection.Up, 0, -1)]
    public void EachFrameStepMovesTheSquareByItsSpeedAroundTheTorus(MotionDirection direction, int dx, int dy)
    {
        var generator = new SyntheticClipGenerator(11, Clean);
        for (int n = 0; n < 20; n++)
        {
            VideoClip clip = generator.Next(direction);
            for (int f = 0; f + 1 < clip.Frames; f++)
            {
                // Speed is 1–3 px per frame at size 32, so 0.5–1.5 px at size 16; the phase of the first Fourier
                // coefficient of each axis profile follows a shift on the torus even when the square wraps.
                double sx = CircularShift(clip, f, alongX: true);
                double sy = CircularShift(clip, f, alongX: false);
                double along = dx != 0 ? sx * dx : sy * dy;
                double across = dx != 0 ? sy : sx;
                along.ShouldBeInRange(0.45, 1.55, $"clip {n}, frames {f}→{f + 1}");
                Math.Abs(across).ShouldBeLessThan(1e-6);
            }
        }
    }

    [Fact]
    public void OneFrameDoesNotGiveTheDirectionAway()
    {
        // Where the square is in frame 0, averaged over many clips, is flat across the frame for every direction
        // (start points are uniform on the torus); without RandomMotion a right-moving square always starts at the left.
        foreach (MotionDirection direction in new[] { MotionDirection.Right, MotionDirection.Left, MotionDirection.Down, MotionDirection.Up })
        {
            double[] columns = MeanColumnMass(new SyntheticClipGenerator(5, Clean), direction, frame: 0, clips: 400);
            double spread = (columns.Max() - columns.Min()) / columns.Average();
            spread.ShouldBeLessThan(0.5, $"{direction}: column mass {string.Join(", ", columns.Select(c => c.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        double[] crossing = MeanColumnMass(new SyntheticClipGenerator(5, frames: 8, size: 16, noise: 0), MotionDirection.Right, frame: 0, clips: 50);
        crossing[^1].ShouldBe(0, "the classic right-moving square starts at the left edge");
    }

    [Theory]
    [InlineData(MotionDirection.Grow)]
    [InlineData(MotionDirection.Shrink)]
    public void GrowingAndShrinkingSquaresChangeAreaByTheDrawnRatio(MotionDirection direction)
    {
        var generator = new SyntheticClipGenerator(8, Clean);
        var middleAreas = new List<double>();
        for (int n = 0; n < 40; n++)
        {
            VideoClip clip = generator.Next(direction);
            double[] mass = Enumerable.Range(0, clip.Frames).Select(f => FrameMass(clip, f)).ToArray();
            for (int f = 0; f + 1 < mass.Length; f++)
            {
                (direction == MotionDirection.Grow ? mass[f + 1] > mass[f] : mass[f + 1] < mass[f]).ShouldBeTrue($"clip {n}: area {mass[f]} then {mass[f + 1]}");
            }

            // Area is brightness · side², and the side changes by a ratio in [2, 3.5] from the first to the last frame.
            double areaRatio = direction == MotionDirection.Grow ? mass[^1] / mass[0] : mass[0] / mass[^1];
            areaRatio.ShouldBeInRange(4 - 1e-6, 12.25 + 1e-6);
            middleAreas.Add(Math.Sqrt(mass[3] * mass[4]));
        }

        // The middle of the clip has a side of 0.2–0.4 × 16 px and a brightness of 0.5–1, for either class.
        middleAreas.ShouldAllBe(a => a >= 0.5 * 3.2 * 3.2 - 1e-6 && a <= 6.4 * 6.4 + 1e-6);
    }

    [Fact]
    public void ClampKeepsNoisyValuesInTheUnitRangeOfImagePixels()
    {
        VideoClip raw = new SyntheticClipGenerator(6, Clean with { Noise = 0.3 }).Next(MotionDirection.Up);
        VideoClip clamped = new SyntheticClipGenerator(6, Clean with { Noise = 0.3, Clamp = true }).Next(MotionDirection.Up);
        raw.Data.Min().ShouldBeLessThan(-0.5f);
        raw.Data.Max().ShouldBeGreaterThan(1.2f);
        clamped.Data.Min().ShouldBe(0f);
        clamped.Data.Max().ShouldBe(1f);
        clamped.Data.ShouldBe(raw.Data.Select(v => Math.Clamp(v, 0f, 1f)).ToArray(), "same draws, only clamped");
    }

    [Fact]
    public void WithoutRandomMotionScalingSquaresStayInsideTheFrame()
    {
        var generator = new SyntheticClipGenerator(2, new SyntheticClipOptions { Frames = 6, Size = 16, Noise = 0, Scaling = true });
        VideoClip grow = generator.Next(MotionDirection.Grow);
        FrameMass(grow, 0).ShouldBe(4, 1e-6, "side 16 / 8 = 2 px at full brightness");
        FrameMass(grow, 5).ShouldBe(64, 1e-6, "side 16 / 2 = 8 px");
        VideoClip shrink = generator.Next(MotionDirection.Shrink);
        FrameMass(shrink, 0).ShouldBe(64, 1e-6);
        FrameMass(shrink, 5).ShouldBe(4, 1e-6);
    }

    private static double FrameMass(VideoClip clip, int frame)
    {
        double sum = 0;
        for (int y = 0; y < clip.Height; y++)
        {
            for (int x = 0; x < clip.Width; x++)
            {
                sum += clip.At(0, frame, y, x);
            }
        }

        return sum;
    }

    private static double[] MeanColumnMass(SyntheticClipGenerator generator, MotionDirection direction, int frame, int clips)
    {
        var columns = new double[generator.Size];
        for (int n = 0; n < clips; n++)
        {
            VideoClip clip = generator.Next(direction);
            for (int y = 0; y < clip.Height; y++)
            {
                for (int x = 0; x < clip.Width; x++)
                {
                    columns[x] += clip.At(0, frame, y, x) / clips;
                }
            }
        }

        return columns;
    }

    private static double CircularShift(VideoClip clip, int frame, bool alongX)
    {
        double Phase(int f)
        {
            double re = 0, im = 0;
            for (int y = 0; y < clip.Height; y++)
            {
                for (int x = 0; x < clip.Width; x++)
                {
                    double angle = 2 * Math.PI * (alongX ? x : y) / clip.Width;
                    re += clip.At(0, f, y, x) * Math.Cos(angle);
                    im += clip.At(0, f, y, x) * Math.Sin(angle);
                }
            }

            return Math.Atan2(im, re);
        }

        double d = Phase(frame + 1) - Phase(frame);
        d = Math.IEEERemainder(d, 2 * Math.PI);
        return d * clip.Width / (2 * Math.PI);
    }
}
