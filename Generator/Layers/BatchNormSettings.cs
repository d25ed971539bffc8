using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>A batchnorm layer's features and constants.</summary>
internal sealed record BatchNormSettings(Dim Features, double Eps, double Momentum) : LayerSettings;
