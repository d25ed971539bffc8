using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>layernorm</c>: layer normalisation over the last (feature) axis.</summary>
internal sealed class LayerNormFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("layernorm", "Layer normalisation over the last (feature) axis.",
            new ParamDefinition("eps", ParamType.Float, "1e-05", "Added to the variance.")),
    ];
}
