using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Forward;

/// <summary>The forward steps of a model: its layers from the input, and the decoder head's (run on every decoder step).</summary>
internal sealed record ForwardPlan(EquatableArray<ForwardStep> Layers, EquatableArray<ForwardStep> Head);
