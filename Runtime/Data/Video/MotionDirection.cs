namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>Direction a synthetic shape moves in; the value is the class label.</summary>
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
}
