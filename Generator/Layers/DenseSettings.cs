using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>A dense layer's sizes and bias.</summary>
internal sealed record DenseSettings(Dim InFeatures, Dim OutFeatures, bool Bias) : LayerSettings;
