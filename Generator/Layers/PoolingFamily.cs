using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>maxpool</c> and <c>avgpool</c>: window pooling, 1d over time, 2d or 3d from the input's rank.</summary>
internal sealed class PoolingFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        Pool("maxpool", "Max pooling (1d over time, 2d, or 3d from the input's rank)."),
        Pool("avgpool", "Average pooling (1d over time, 2d, or 3d from the input's rank)."),
    ];

    private static LayerDefinition Pool(string type, string description) =>
        new(type, description,
            new ParamDefinition("size", ParamType.IntOrList, "2", "Window size."),
            new ParamDefinition("stride", ParamType.IntOrList, null, "Stride; defaults to the window size."),
            new ParamDefinition("padding", ParamType.Choice, "valid", "valid: drop the incomplete last window; same: keep it (output ceil(input / stride); needs stride = size).", choices: SharedParameters.Paddings));
}
