using System;
using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.Runtime.Data.Video;
using SkiaSharp;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>A PNG with one row per class: the class name, then every frame of one clip of that class.</summary>
internal static class ContactSheet
{
    private const int LabelWidth = 90;
    private const int Gap = 4;

    /// <summary>Draws the first clip of each class found in <paramref name="clips"/>.</summary>
    public static void Save(IReadOnlyList<VideoClip> clips, IReadOnlyList<string> classes, string path)
    {
        var rows = new List<VideoClip>();
        for (int label = 0; label < classes.Count; label++)
        {
            foreach (VideoClip clip in clips)
            {
                if (clip.Label == label)
                {
                    rows.Add(clip);
                    break;
                }
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        VideoClip first = rows[0];
        int scale = Math.Max(1, 96 / Math.Max(first.Height, first.Width));
        int cellW = first.Width * scale, cellH = first.Height * scale;
        int width = LabelWidth + (first.Frames * (cellW + Gap));
        int height = Gap + (rows.Count * (cellH + Gap)) + 18;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        using (var font = new SKFont(SKTypeface.Default, 14))
        using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.Clear(SKColors.White);
            for (int f = 0; f < first.Frames; f++)
            {
                canvas.DrawText($"frame {f}", LabelWidth + (f * (cellW + Gap)), 14, SKTextAlign.Left, font, ink);
            }

            for (int r = 0; r < rows.Count; r++)
            {
                VideoClip clip = rows[r];
                int top = 18 + Gap + (r * (cellH + Gap));
                canvas.DrawText(classes[(int)clip.Label], 6, top + (cellH / 2) + 5, SKTextAlign.Left, font, ink);
                for (int f = 0; f < clip.Frames; f++)
                {
                    DrawFrame(canvas, clip, f, LabelWidth + (f * (cellW + Gap)), top, scale);
                }
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using FileStream stream = File.Create(path);
        bitmap.Encode(stream, SKEncodedImageFormat.Png, 100);
    }

    private static void DrawFrame(SKCanvas canvas, VideoClip clip, int frame, int left, int top, int scale)
    {
        using var paint = new SKPaint();
        for (int y = 0; y < clip.Height; y++)
        {
            for (int x = 0; x < clip.Width; x++)
            {
                byte r = VideoClipWriter.ToByte(clip.At(0, frame, y, x));
                paint.Color = clip.Channels == 3
                    ? new SKColor(r, VideoClipWriter.ToByte(clip.At(1, frame, y, x)), VideoClipWriter.ToByte(clip.At(2, frame, y, x)))
                    : new SKColor(r, r, r);
                canvas.DrawRect(left + (x * scale), top + (y * scale), scale, scale, paint);
            }
        }
    }
}
