using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>global_avgpool</c> and <c>global_maxpool</c>: a mean or max over time (masked by lengths) or over all spatial axes.</summary>
internal sealed class GlobalPoolingFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("global_avgpool", "Mean over time (sequences, masked by lengths) or over all spatial axes (images, clips)."),
        new("global_maxpool", "Max over time (sequences, masked by lengths) or over all spatial axes (images, clips)."),
    ];
}
