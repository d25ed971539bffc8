using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>The example's synthetic clips, of the shape the <c>data:</c> section declares (<c>frames</c>, <c>frame_size</c>).</summary>
internal static class GeneratedClips
{
    /// <summary>The six classes, in the generator's order; their folder names.</summary>
    public static IReadOnlyList<string> Classes { get; } =
        Enum.GetValues<MotionDirection>().Select(d => d.ToString().ToLowerInvariant()).ToArray();

    /// <summary>Squares that move (wrapping around the edges) or grow/shrink, with random size, speed and brightness, under pixel noise.</summary>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="noise">The standard deviation of the pixel noise.</param>
    /// <returns>The generator.</returns>
    public static SyntheticClipGenerator Generator(long seed, double noise)
    {
        var data = new MotionClassifierData();
        if (MotionClassifier.Info.InputShape[0] != "1")
        {
            throw new UserError($"generated clips are grayscale [1, frames, size, size]; the model takes [{string.Join(", ", MotionClassifier.Info.InputShape)}]; train on clips of your own (video train --data <folder>) or declare one channel in {MotionClassifier.Info.SourceFile}");
        }

        return new SyntheticClipGenerator(seed, new SyntheticClipOptions
        {
            Frames = data.Frames!.Value,
            Size = data.FrameSize!.Value,
            Noise = noise,
            RandomMotion = true,
            Scaling = true,
            Clamp = true,
        });
    }
}
