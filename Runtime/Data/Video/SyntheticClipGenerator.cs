using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Batching;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>
/// Seeded synthetic clips for tests and examples: a bright square moves across a dark noisy frame in one of the
/// <see cref="MotionDirection"/>s; the label is the direction. One channel, values roughly in <c>[0, 1]</c>.
/// </summary>
public sealed class SyntheticClipGenerator
{
    private readonly ShuffleRandom random;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">Same seed, same clips.</param>
    /// <param name="frames">Frames per clip (at least 2).</param>
    /// <param name="size">Frame height and width in pixels (at least 6).</param>
    /// <param name="noise">Standard deviation of the Gaussian pixel noise.</param>
    public SyntheticClipGenerator(long seed, int frames = 8, int size = 16, double noise = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 6);
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        random = new ShuffleRandom(seed);
        Frames = frames;
        Size = size;
        Noise = noise;
    }

    /// <summary>Frames per clip.</summary>
    public int Frames { get; }

    /// <summary>Frame side in pixels.</summary>
    public int Size { get; }

    /// <summary>Pixel noise standard deviation.</summary>
    public double Noise { get; }

    /// <summary>Number of classes (directions).</summary>
    public static int ClassCount => 4;

    /// <summary>Makes one clip of a square moving in <paramref name="direction"/>.</summary>
    /// <param name="direction">Motion direction (the label).</param>
    /// <returns>A <c>[1, F, S, S]</c> clip.</returns>
    public VideoClip Next(MotionDirection direction)
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
                MotionDirection.Up => (across, travel - along),
                _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "unknown direction"),
            };
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    bool inside = x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
                    double value = (inside ? 1.0 : 0.0) + (Noise * random.NextGaussian());
                    data[(f * Size + y) * Size + x] = (float)value;
                }
            }
        }

        return new VideoClip(data, 1, Frames, Size, Size, (long)direction);
    }

    /// <summary>Makes <paramref name="count"/> clips with directions drawn uniformly.</summary>
    /// <param name="count">Number of clips.</param>
    /// <returns>The clips.</returns>
    public IReadOnlyList<VideoClip> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var clips = new VideoClip[count];
        for (int i = 0; i < count; i++)
        {
            clips[i] = Next((MotionDirection)random.NextInt(ClassCount));
        }

        return clips;
    }
}
