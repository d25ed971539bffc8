namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>What <see cref="SyntheticClipGenerator"/> draws.</summary>
public sealed record SyntheticClipOptions
{
    /// <summary>Frames per clip (at least 2). Default 8.</summary>
    public int Frames { get; init; } = 8;

    /// <summary>Frame height and width in pixels (at least 6). Default 16.</summary>
    public int Size { get; init; } = 16;

    /// <summary>Standard deviation of the Gaussian pixel noise. Default 0.1.</summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>
    /// Draws the square's side, start point, speed and brightness per clip, and lets it wrap around the frame edges,
    /// so that one frame alone looks the same whichever way the square moves: only the change between frames tells
    /// the directions apart. Without it the square crosses the whole frame from one edge to the other, which the first
    /// frame already gives away. Default false.
    /// </summary>
    public bool RandomMotion { get; init; }

    /// <summary>Adds the <see cref="MotionDirection.Grow"/> and <see cref="MotionDirection.Shrink"/> classes: a square that stays in place while its side changes. Default false.</summary>
    public bool Scaling { get; init; }

    /// <summary>Clamps every value to <c>[0, 1]</c> after the noise is added, as the pixels of real frames are (8-bit values / 255), so that clips saved as PNG frames and read back look like the generated ones. Default false.</summary>
    public bool Clamp { get; init; }
}
