using System;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>A labelled video clip held as float32 values in <c>[channels, frames, height, width]</c> order (row-major).</summary>
public sealed record VideoClip
{
    /// <summary>Creates a clip and checks that <paramref name="data"/> has <c>C·F·H·W</c> values.</summary>
    /// <param name="data">Row-major <c>[C, F, H, W]</c> values.</param>
    /// <param name="channels">C.</param>
    /// <param name="frames">F.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="label">Class index.</param>
    public VideoClip(float[] data, int channels, int frames, int height, int width, long label)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (channels <= 0 || frames <= 0 || height <= 0 || width <= 0)
        {
            throw new ArgumentException($"Clip dimensions must be positive, got [C={channels}, F={frames}, H={height}, W={width}].");
        }

        if ((long)channels * frames * height * width != data.Length)
        {
            throw new ArgumentException($"A [C={channels}, F={frames}, H={height}, W={width}] clip needs {(long)channels * frames * height * width} values, got {data.Length}.", nameof(data));
        }

        Data = data;
        Channels = channels;
        Frames = frames;
        Height = height;
        Width = width;
        Label = label;
    }

    /// <summary>Row-major <c>[C, F, H, W]</c> values.</summary>
    public float[] Data { get; }

    /// <summary>C.</summary>
    public int Channels { get; }

    /// <summary>F.</summary>
    public int Frames { get; }

    /// <summary>H.</summary>
    public int Height { get; }

    /// <summary>W.</summary>
    public int Width { get; }

    /// <summary>Class index.</summary>
    public long Label { get; init; }

    /// <summary>The shape <c>[C, F, H, W]</c>.</summary>
    public long[] Shape => [Channels, Frames, Height, Width];

    /// <summary>Value at channel <paramref name="c"/>, frame <paramref name="f"/>, row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    /// <param name="c">Channel.</param>
    /// <param name="f">Frame.</param>
    /// <param name="y">Row.</param>
    /// <param name="x">Column.</param>
    /// <returns>The value.</returns>
    public float At(int c, int f, int y, int x) => Data[(((c * Frames) + f) * Height + y) * Width + x];
}
