using System;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>
/// Fits a clip to a model's input shape: channels by luma (RGB → gray) or repetition (gray → RGB), frames, height and
/// width by linear interpolation along each axis (PyTorch's <c>trilinear</c> with <c>align_corners=False</c>).
/// </summary>
public static class ClipResizer
{
    /// <summary>Returns <paramref name="clip"/> resampled to <c>[channels, frames, height, width]</c> (the same instance when it already has that shape).</summary>
    /// <param name="clip">The clip.</param>
    /// <param name="channels">Target channels: the clip's own, or 1 from 3 (luma 0.299 R + 0.587 G + 0.114 B), or 3 from 1 (repeated).</param>
    /// <param name="frames">Target frames.</param>
    /// <param name="height">Target height.</param>
    /// <param name="width">Target width.</param>
    /// <returns>The resampled clip with the same label.</returns>
    /// <exception cref="ArgumentException">A channel conversion other than 1 ↔ 3, or a non-positive size.</exception>
    public static VideoClip Resize(VideoClip clip, int channels, int frames, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (channels <= 0 || frames <= 0 || height <= 0 || width <= 0)
        {
            throw new ArgumentException($"Target dimensions must be positive, got [C={channels}, F={frames}, H={height}, W={width}].");
        }

        if (clip.Channels == channels && clip.Frames == frames && clip.Height == height && clip.Width == width)
        {
            return clip;
        }

        float[] data = ConvertChannels(clip, channels);
        int f = clip.Frames, h = clip.Height, w = clip.Width;
        if (w != width)
        {
            data = ResampleAxis(data, outer: channels * f * h, length: w, inner: 1, width);
            w = width;
        }

        if (h != height)
        {
            data = ResampleAxis(data, outer: channels * f, length: h, inner: w, height);
            h = height;
        }

        if (f != frames)
        {
            data = ResampleAxis(data, outer: channels, length: f, inner: h * w, frames);
        }

        return new VideoClip(data, channels, frames, height, width, clip.Label);
    }

    private static float[] ConvertChannels(VideoClip clip, int channels)
    {
        if (clip.Channels == channels)
        {
            return clip.Data;
        }

        int plane = clip.Frames * clip.Height * clip.Width;
        if (clip.Channels == 3 && channels == 1)
        {
            var gray = new float[plane];
            for (int i = 0; i < plane; i++)
            {
                gray[i] = (0.299f * clip.Data[i]) + (0.587f * clip.Data[plane + i]) + (0.114f * clip.Data[(2 * plane) + i]);
            }

            return gray;
        }

        if (clip.Channels == 1 && channels == 3)
        {
            var rgb = new float[3 * plane];
            for (int c = 0; c < 3; c++)
            {
                Array.Copy(clip.Data, 0, rgb, c * plane, plane);
            }

            return rgb;
        }

        throw new ArgumentException($"Cannot convert a clip of {clip.Channels} channels to {channels} (only 1 ↔ 3).");
    }

    // data is [outer, length, inner]; returns [outer, target, inner].
    private static float[] ResampleAxis(float[] data, int outer, int length, int inner, int target)
    {
        var result = new float[(long)outer * target * inner];
        double scale = (double)length / target;
        for (int t = 0; t < target; t++)
        {
            double source = Math.Max(0, ((t + 0.5) * scale) - 0.5);
            int i0 = Math.Min((int)source, length - 1);
            int i1 = Math.Min(i0 + 1, length - 1);
            float w1 = (float)(source - i0);
            float w0 = 1f - w1;
            for (int o = 0; o < outer; o++)
            {
                int from0 = ((o * length) + i0) * inner;
                int from1 = ((o * length) + i1) * inner;
                int to = ((o * target) + t) * inner;
                for (int k = 0; k < inner; k++)
                {
                    result[to + k] = (w0 * data[from0 + k]) + (w1 * data[from1 + k]);
                }
            }
        }

        return result;
    }
}
