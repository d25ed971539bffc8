using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>A layernorm layer's features and epsilon.</summary>
internal sealed record LayerNormSettings(Dim Features, double Eps) : LayerSettings;
