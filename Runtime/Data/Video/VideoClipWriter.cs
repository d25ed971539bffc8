using System;
using System.Globalization;
using System.IO;
using QuickDrawDsl.Runtime.Data.NumPy;
using SkiaSharp;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>Writes clips in the formats <see cref="VideoClipReader"/> reads: a float32 <c>.npy</c> array, or a folder of PNG frames.</summary>
public static class VideoClipWriter
{
    /// <summary>Writes the clip as a float32 <c>.npy</c> array in the given layout (values kept exactly).</summary>
    /// <param name="clip">The clip.</param>
    /// <param name="path">Destination file.</param>
    /// <param name="layout">Axis order to write.</param>
    public static void ToNpy(VideoClip clip, string path, ClipLayout layout = ClipLayout.ChannelsFramesHeightWidth)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (layout == ClipLayout.ChannelsFramesHeightWidth)
        {
            NpyArray.Write(path, [clip.Channels, clip.Frames, clip.Height, clip.Width], clip.Data);
            return;
        }

        var data = new float[clip.Data.Length];
        int i = 0;
        for (int f = 0; f < clip.Frames; f++)
        {
            for (int y = 0; y < clip.Height; y++)
            {
                for (int x = 0; x < clip.Width; x++)
                {
                    for (int c = 0; c < clip.Channels; c++)
                    {
                        data[i++] = clip.At(c, f, y, x);
                    }
                }
            }
        }

        NpyArray.Write(path, [clip.Frames, clip.Height, clip.Width, clip.Channels], data);
    }

    /// <summary>
    /// Writes one PNG per frame (<c>frame_000.png</c>, …) into <paramref name="folder"/> (created if needed). Values are
    /// clamped to <c>[0, 1]</c> and rounded to 8 bits; one channel is written as gray, three as RGB.
    /// </summary>
    /// <param name="clip">A clip of 1 or 3 channels.</param>
    /// <param name="folder">Destination folder.</param>
    /// <exception cref="ArgumentException">The clip has neither 1 nor 3 channels.</exception>
    public static void ToPngFolder(VideoClip clip, string folder)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.Channels is not (1 or 3))
        {
            throw new ArgumentException($"PNG frames need 1 or 3 channels; the clip has {clip.Channels}.", nameof(clip));
        }

        Directory.CreateDirectory(folder);
        for (int f = 0; f < clip.Frames; f++)
        {
            using var bitmap = new SKBitmap(clip.Width, clip.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            for (int y = 0; y < clip.Height; y++)
            {
                for (int x = 0; x < clip.Width; x++)
                {
                    byte r = ToByte(clip.At(0, f, y, x));
                    bitmap.SetPixel(x, y, clip.Channels == 1
                        ? new SKColor(r, r, r)
                        : new SKColor(r, ToByte(clip.At(1, f, y, x)), ToByte(clip.At(2, f, y, x))));
                }
            }

            string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"frame_{f:000}.png"));
            using FileStream stream = File.Create(path);
            bitmap.Encode(stream, SKEncodedImageFormat.Png, 100);
        }
    }

    /// <summary>Rounds a value in <c>[0, 1]</c> to the nearest of 256 levels (clamped), as <see cref="ToPngFolder"/> stores it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The 8-bit level.</returns>
    public static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value * 255f), 0, 255);
}
