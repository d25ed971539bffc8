namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>How a synthetic shape moves (four directions) or changes size (grow, shrink); the value is the class label.</summary>
public enum MotionDirection
{
    /// <summary>Left to right.</summary>
    Right = 0,

    /// <summary>Right to left.</summary>
    Left = 1,

    /// <summary>Top to bottom.</summary>
    Down = 2,

    /// <summary>Bottom to top.</summary>
    Up = 3,

    /// <summary>Stays in place and gets larger (only with <see cref="SyntheticClipOptions.Scaling"/>).</summary>
    Grow = 4,

    /// <summary>Stays in place and gets smaller (only with <see cref="SyntheticClipOptions.Scaling"/>).</summary>
    Shrink = 5,
}
