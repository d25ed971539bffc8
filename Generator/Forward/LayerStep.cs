using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Forward;

/// <summary>
/// The layer's own operation, which its family renders for each backend. <paramref name="HasLengths"/> and
/// <paramref name="ChannelsFirst"/> are the state before it; <paramref name="Batch"/> is the batch axis' name in comments.
/// </summary>
internal sealed record LayerStep(LayerPlan Layer, string Comment, bool HasLengths, bool ChannelsFirst, string Batch) : ForwardStep
{
    /// <summary>The lengths argument of a time-mixing call: null once lengths no longer describe x's time axis.</summary>
    public string Lengths => HasLengths ? "lengths" : "null";

    /// <summary>The time axis of a sequence: 2 while channels-first, else 1.</summary>
    public string TimeDim => ChannelsFirst ? "2" : "1";
}
