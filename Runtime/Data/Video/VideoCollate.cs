using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>Collation of equally shaped clips into <c>[B, C, F, H, W]</c> float32 plus int64 labels <c>[B]</c>.</summary>
public static class VideoCollate
{
    /// <summary>Stacks clips into a classification batch.</summary>
    /// <param name="clips">Clips of one shape.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">Empty list or clips of different shapes.</exception>
    public static Batch Classification(IReadOnlyList<VideoClip> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        TorchNative.EnsureLoaded();
        if (clips.Count == 0)
        {
            throw new ArgumentException("Cannot collate an empty batch.", nameof(clips));
        }

        VideoClip first = clips[0];
        int per = first.Data.Length;
        var data = new float[(long)per * clips.Count];
        var labels = new long[clips.Count];
        for (int b = 0; b < clips.Count; b++)
        {
            VideoClip clip = clips[b];
            if (clip.Channels != first.Channels || clip.Frames != first.Frames || clip.Height != first.Height || clip.Width != first.Width)
            {
                throw new ArgumentException($"Clip {b} is [{string.Join(", ", clip.Shape)}], clip 0 is [{string.Join(", ", first.Shape)}].", nameof(clips));
            }

            clip.Data.CopyTo(data, (long)b * per);
            labels[b] = clip.Label;
        }

        torch.Tensor inputs = torch.tensor(data, new long[] { clips.Count, first.Channels, first.Frames, first.Height, first.Width }, torch.float32);
        return new Batch(inputs, torch.tensor(labels, new long[] { clips.Count }, torch.int64));
    }
}
