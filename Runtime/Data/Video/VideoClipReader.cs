using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.NumPy;
using SkiaSharp;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>Reads clips from a folder of PNG frames or a 4-D <c>.npy</c> array into <c>[C, F, H, W]</c> float32 in <c>[0, 1]</c> (uint8 sources) or as stored (float32 sources).</summary>
public static class VideoClipReader
{
    /// <summary>Reads every <c>*.png</c> of <paramref name="folder"/> in ordinal file-name order as the frames of one clip.</summary>
    /// <param name="folder">Folder of frames (<c>frame_000.png</c>, <c>frame_001.png</c>, …).</param>
    /// <param name="label">Class index of the clip.</param>
    /// <param name="grayscale">One channel (luma) instead of three (RGB).</param>
    /// <returns>The clip, values in <c>[0, 1]</c>.</returns>
    /// <exception cref="InvalidDataException">No frames, an undecodable frame, or frames of different sizes; the message names the file.</exception>
    public static VideoClip FromPngFolder(string folder, long label, bool grayscale = false)
    {
        string[] files = Directory.GetFiles(folder, "*.png").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new InvalidDataException($"{folder}: no .png frames.");
        }

        int channels = grayscale ? 1 : 3;
        float[]? data = null;
        int height = 0, width = 0;
        for (int f = 0; f < files.Length; f++)
        {
            using SKBitmap? bitmap = SKBitmap.Decode(files[f]);
            if (bitmap is null)
            {
                throw new InvalidDataException($"{files[f]}: not a decodable image.");
            }

            if (data is null)
            {
                height = bitmap.Height;
                width = bitmap.Width;
                data = new float[(long)channels * files.Length * height * width];
            }
            else if (bitmap.Height != height || bitmap.Width != width)
            {
                throw new InvalidDataException($"{files[f]}: frame is {bitmap.Width}x{bitmap.Height}, the first frame is {width}x{height}.");
            }

            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    SKColor color = bitmap.GetPixel(x, y);
                    if (grayscale)
                    {
                        data[Index(0, f, y, x, files.Length, height, width)] = ((0.299f * color.Red) + (0.587f * color.Green) + (0.114f * color.Blue)) / 255f;
                    }
                    else
                    {
                        data[Index(0, f, y, x, files.Length, height, width)] = color.Red / 255f;
                        data[Index(1, f, y, x, files.Length, height, width)] = color.Green / 255f;
                        data[Index(2, f, y, x, files.Length, height, width)] = color.Blue / 255f;
                    }
                }
            }
        }

        return new VideoClip(data!, channels, files.Length, height, width, label);
    }

    /// <summary>Reads a 4-D <c>.npy</c> clip (uint8 or float32) in the given layout.</summary>
    /// <param name="path">The <c>.npy</c> file.</param>
    /// <param name="layout">Axis order on disk.</param>
    /// <param name="label">Class index of the clip.</param>
    /// <returns>The clip in <c>[C, F, H, W]</c>; uint8 values are scaled to <c>[0, 1]</c>.</returns>
    /// <exception cref="DataFormatException">Not a 4-D array of a supported dtype; the record names the file and why.</exception>
    public static VideoClip FromNpy(string path, ClipLayout layout, long label)
    {
        NpyArray array = NpyArray.Read(path);
        if (array.Shape.Count != 4)
        {
            throw new DataFormatException(new BadRecord(path, "record", 0, BadRecordKind.UnsupportedFormat, $"a clip needs 4 dimensions, the array has shape ({string.Join(", ", array.Shape)})"));
        }

        float scale = array.DType.EndsWith("u1", StringComparison.Ordinal) ? 1f / 255f : 1f;
        IReadOnlyList<int> s = array.Shape;
        if (layout == ClipLayout.ChannelsFramesHeightWidth)
        {
            float[] values = scale == 1f ? array.Data : array.Data.Select(v => v * scale).ToArray();
            return new VideoClip(values, s[0], s[1], s[2], s[3], label);
        }

        int frames = s[0], height = s[1], width = s[2], channels = s[3];
        var data = new float[array.Data.Length];
        int src = 0;
        for (int f = 0; f < frames; f++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        data[Index(c, f, y, x, frames, height, width)] = array.Data[src++] * scale;
                    }
                }
            }
        }

        return new VideoClip(data, channels, frames, height, width, label);
    }

    private static long Index(int c, int f, int y, int x, int frames, int height, int width) =>
        ((((long)c * frames) + f) * height + y) * width + x;
}
