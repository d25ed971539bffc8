using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>A dropout layer's rate: the option it refers to, or null when the layer gets a rate property of its own.</summary>
internal sealed record DropoutSettings(string? RateOption) : LayerSettings;
