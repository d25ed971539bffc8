namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>How targets are laid out for a window of inputs.</summary>
public enum WindowLayout
{
    /// <summary>Sequence to vector: one target vector per window, the k values that follow it: targets <c>[N, k]</c>.</summary>
    SequenceToVector,

    /// <summary>Sequence to sequence: a target vector at every input step t, the k values after step t: targets <c>[N, W, k]</c>.</summary>
    SequenceToSequence,
}
