using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Batching;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>
/// Seeded synthetic clips for tests and examples: a bright square on a dark noisy frame moves in one of the
/// <see cref="MotionDirection"/>s (or, with <see cref="SyntheticClipOptions.Scaling"/>, grows or shrinks in place);
/// the label is the <see cref="MotionDirection"/> value. One channel, values roughly in <c>[0, 1]</c> (exactly, with <see cref="SyntheticClipOptions.Clamp"/>).
/// </summary>
public sealed class SyntheticClipGenerator
{
    private static readonly MotionDirection[] Directions = [MotionDirection.Right, MotionDirection.Left, MotionDirection.Down, MotionDirection.Up];
    private static readonly MotionDirection[] DirectionsAndScaling = [.. Directions, MotionDirection.Grow, MotionDirection.Shrink];

    private readonly ShuffleRandom random;
    private readonly MotionDirection[] classes;

    /// <summary>Creates a generator of squares that cross the whole frame in one of four directions.</summary>
    /// <param name="seed">Same seed, same clips.</param>
    /// <param name="frames">Frames per clip (at least 2).</param>
    /// <param name="size">Frame height and width in pixels (at least 6).</param>
    /// <param name="noise">Standard deviation of the Gaussian pixel noise.</param>
    public SyntheticClipGenerator(long seed, int frames = 8, int size = 16, double noise = 0.1)
        : this(seed, new SyntheticClipOptions { Frames = frames, Size = size, Noise = noise })
    {
    }

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">Same seed and options, same clips.</param>
    /// <param name="options">Clip shape, noise and which motions to draw.</param>
    public SyntheticClipGenerator(long seed, SyntheticClipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Frames, 2, nameof(options.Frames));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, 6, nameof(options.Size));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Noise, nameof(options.Noise));
        random = new ShuffleRandom(seed);
        Options = options;
        classes = options.Scaling ? DirectionsAndScaling : Directions;
    }

    /// <summary>The options the generator was made with.</summary>
    public SyntheticClipOptions Options { get; }

    /// <summary>Frames per clip.</summary>
    public int Frames => Options.Frames;

    /// <summary>Frame side in pixels.</summary>
    public int Size => Options.Size;

    /// <summary>Pixel noise standard deviation.</summary>
    public double Noise => Options.Noise;

    /// <summary>Number of motion directions (<see cref="MotionDirection.Right"/> to <see cref="MotionDirection.Up"/>).</summary>
    public static int ClassCount => 4;

    /// <summary>The classes this generator draws, in label order (the four directions, then Grow and Shrink with <see cref="SyntheticClipOptions.Scaling"/>).</summary>
    public IReadOnlyList<MotionDirection> Classes => classes;

    /// <summary>Makes one clip of the given class.</summary>
    /// <param name="direction">Motion (the label); Grow and Shrink need <see cref="SyntheticClipOptions.Scaling"/>.</param>
    /// <returns>A <c>[1, F, S, S]</c> clip.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A class this generator does not draw.</exception>
    public VideoClip Next(MotionDirection direction)
    {
        if (Array.IndexOf(classes, direction) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, $"this generator draws {string.Join(", ", Classes)}; set {nameof(SyntheticClipOptions)}.{nameof(SyntheticClipOptions.Scaling)} for Grow and Shrink.");
        }

        bool scaling = direction is MotionDirection.Grow or MotionDirection.Shrink;
        return (Options.RandomMotion, scaling) switch
        {
            (false, false) => CrossingSquare(direction),
            (false, true) => ScalingSquare(direction),
            (true, false) => RandomMovingSquare(direction),
            (true, true) => RandomScalingSquare(direction),
        };
    }

    /// <summary>Makes <paramref name="count"/> clips with classes drawn uniformly.</summary>
    /// <param name="count">Number of clips.</param>
    /// <returns>The clips.</returns>
    public IReadOnlyList<VideoClip> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var clips = new VideoClip[count];
        for (int i = 0; i < count; i++)
        {
            clips[i] = Next(Classes[random.NextInt(Classes.Count)]);
        }

        return clips;
    }

    /// <summary>Makes <paramref name="perClass"/> clips of every class, the classes interleaved (0, 1, …, 0, 1, …).</summary>
    /// <param name="perClass">Clips per class.</param>
    /// <returns><c>perClass × Classes.Count</c> clips.</returns>
    public IReadOnlyList<VideoClip> GenerateBalanced(int perClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perClass);
        var clips = new VideoClip[perClass * Classes.Count];
        for (int i = 0; i < clips.Length; i++)
        {
            clips[i] = Next(Classes[i % Classes.Count]);
        }

        return clips;
    }

    private VideoClip CrossingSquare(MotionDirection direction)
    {
        int side = Math.Max(2, Size / 4);
        int travel = Size - side;
        int across = random.NextInt(travel + 1);
        var data = new float[Frames * Size * Size];
        for (int f = 0; f < Frames; f++)
        {
            int along = (int)Math.Round((double)f * travel / (Frames - 1));
            (int x0, int y0) = direction switch
            {
                MotionDirection.Right => (along, across),
                MotionDirection.Left => (travel - along, across),
                MotionDirection.Down => (across, along),
                _ => (across, travel - along),
            };
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    bool inside = x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
                    double value = (inside ? 1.0 : 0.0) + (Noise * random.NextGaussian());
                    data[(f * Size + y) * Size + x] = (float)(Options.Clamp ? Math.Clamp(value, 0, 1) : value);
                }
            }
        }

        return new VideoClip(data, 1, Frames, Size, Size, (long)direction);
    }

    // Side, start, speed and brightness are drawn per clip; positions wrap around the edges, so every frame's square
    // lies anywhere with the same probability whatever the direction.
    private VideoClip RandomMovingSquare(MotionDirection direction)
    {
        double side = Uniform(0.2, 0.4) * Size;
        double speed = Uniform(1.0, 3.0) * Size / 32.0;
        double x0 = Uniform(0, Size);
        double y0 = Uniform(0, Size);
        double brightness = Uniform(0.5, 1.0);
        (double dx, double dy) = direction switch
        {
            MotionDirection.Right => (speed, 0.0),
            MotionDirection.Left => (-speed, 0.0),
            MotionDirection.Down => (0.0, speed),
            _ => (0.0, -speed),
        };
        var data = new float[Frames * Size * Size];
        for (int f = 0; f < Frames; f++)
        {
            DrawSquare(data, f, x0 + (dx * f), y0 + (dy * f), side, side, brightness, wrap: true);
        }

        return new VideoClip(data, 1, Frames, Size, Size, (long)direction);
    }

    // The side at the middle frame is drawn from the same range for Grow and Shrink (and for the moving squares), and
    // the side changes by a factor drawn per clip, so the middle frame alone cannot tell Grow from Shrink.
    private VideoClip RandomScalingSquare(MotionDirection direction)
    {
        double middleSide = Uniform(0.2, 0.4) * Size;
        double ratio = Uniform(2.0, 3.5);
        double cx = Uniform(0, Size);
        double cy = Uniform(0, Size);
        double brightness = Uniform(0.5, 1.0);
        double sign = direction == MotionDirection.Grow ? 1 : -1;
        var sides = new double[Frames];
        for (int f = 0; f < Frames; f++)
        {
            double t = (f - ((Frames - 1) / 2.0)) / (Frames - 1);
            sides[f] = middleSide * Math.Pow(ratio, sign * t);
        }

        return Scaling(direction, cx, cy, sides, brightness, wrap: true);
    }

    // From Size / 8 to Size / 2 (or back), centred anywhere the largest square fits.
    private VideoClip ScalingSquare(MotionDirection direction)
    {
        double smallest = Math.Max(2.0, Size / 8.0);
        double largest = Size / 2.0;
        double cx = Uniform(largest / 2, Size - (largest / 2));
        double cy = Uniform(largest / 2, Size - (largest / 2));
        var sides = new double[Frames];
        for (int f = 0; f < Frames; f++)
        {
            double t = (double)f / (Frames - 1);
            sides[f] = direction == MotionDirection.Grow ? smallest + ((largest - smallest) * t) : largest - ((largest - smallest) * t);
        }

        return Scaling(direction, cx, cy, sides, 1.0, wrap: false);
    }

    private VideoClip Scaling(MotionDirection direction, double cx, double cy, double[] sides, double brightness, bool wrap)
    {
        var data = new float[Frames * Size * Size];
        for (int f = 0; f < Frames; f++)
        {
            DrawSquare(data, f, cx - (sides[f] / 2), cy - (sides[f] / 2), sides[f], sides[f], brightness, wrap);
        }

        return new VideoClip(data, 1, Frames, Size, Size, (long)direction);
    }

    // Anti-aliased: each pixel gets the fraction of its area the square covers, so sub-pixel motion shows.
    private void DrawSquare(float[] data, int frame, double left, double top, double width, double height, double brightness, bool wrap)
    {
        double[] columns = Coverage(left, width, wrap);
        double[] rows = Coverage(top, height, wrap);
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                double value = (brightness * columns[x] * rows[y]) + (Noise * random.NextGaussian());
                data[(frame * Size + y) * Size + x] = (float)(Options.Clamp ? Math.Clamp(value, 0, 1) : value);
            }
        }
    }

    private double[] Coverage(double start, double length, bool wrap)
    {
        var cover = new double[Size];
        if (wrap)
        {
            start %= Size;
            if (start < 0)
            {
                start += Size;
            }
        }

        for (int i = 0; i < Size; i++)
        {
            cover[i] = Overlap(i, start, length) + (wrap ? Overlap(i, start - Size, length) : 0);
        }

        return cover;
    }

    private static double Overlap(int pixel, double start, double length) =>
        Math.Max(0, Math.Min(pixel + 1, start + length) - Math.Max(pixel, start));

    private double Uniform(double low, double high) => low + ((high - low) * random.NextDouble());
}
