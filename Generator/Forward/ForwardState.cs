namespace QuickDrawDsl.Generator.Forward;

/// <summary>
/// What the planner knows about <c>x</c> at the current step: whether a sequence is stored channels-first
/// ([B, C, T], what Conv1d wants) instead of Keras' [B, T, C], and whether its padded steps may hold non-zero values
/// (so the next time-mixing layer must mask them first).
/// </summary>
internal sealed class ForwardState
{
    public bool ChannelsFirst { get; set; }

    public bool Dirty { get; set; } = true;

    /// <summary>The batch axis' name in shape comments: B, or B*T inside time_distributed.</summary>
    public string Batch { get; set; } = "B";

    /// <summary>Whether forward has a lengths argument that still describes x's time axis.</summary>
    public bool HasLengths { get; set; }
}
