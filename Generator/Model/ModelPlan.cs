using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>A fully resolved model: the input of the emitter and the second cache boundary.</summary>
internal sealed record ModelPlan(
    ModelSpec Spec,
    EquatableArray<LayerPlan> Layers,
    DecoderPlan? Decoder,
    EquatableArray<Dim> OutputShape,
    long ParameterCount)
{
    /// <summary>Whether forward takes optional sequence lengths (the input's first axis is a dynamic time axis).</summary>
    public bool AcceptsLengths => Spec.Input.Shape.Count >= 1 && Spec.Input.Shape[0].IsDynamic;
}
