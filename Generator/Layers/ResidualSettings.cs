using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>
/// A residual block's inner layers, planned on the block's input, and the learned projection of the input that is
/// added instead of the input itself when the inner layers change the feature width (null when they keep it).
/// </summary>
internal sealed record ResidualSettings(EquatableArray<LayerPlan> Layers, LayerPlan? Projection) : LayerSettings;
