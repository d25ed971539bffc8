using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>How many steps repeat_vector makes.</summary>
internal sealed record RepeatVectorSettings(long Repeat) : LayerSettings;
