using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Forward;

/// <summary>
/// Adds the shortcut kept by the <see cref="ShortcutStep"/> with the same <paramref name="Index"/> to <c>x</c>: the
/// input itself, or its <paramref name="Projection"/> when the block changes the feature width.
/// <paramref name="ChannelsFirst"/> is the layout of both.
/// </summary>
internal sealed record AddShortcutStep(int Index, LayerPlan? Projection, bool ChannelsFirst, string Comment) : ForwardStep;
