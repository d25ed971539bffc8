namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>Axis order of a 4-D clip array on disk.</summary>
public enum ClipLayout
{
    /// <summary><c>[channels, frames, height, width]</c> (PyTorch Conv3d order).</summary>
    ChannelsFramesHeightWidth,

    /// <summary><c>[frames, height, width, channels]</c> (decoded video frames as stored by most tools).</summary>
    FramesHeightWidthChannels,
}
