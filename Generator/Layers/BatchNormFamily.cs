using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>batchnorm</c>: batch normalisation over features or channels, 1d, 2d or 3d from the input's rank.</summary>
internal sealed class BatchNormFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("batchnorm", "Batch normalisation over features/channels (1d, 2d or 3d from the input's rank).",
            new ParamDefinition("momentum", ParamType.Float, "0.1", "Running-statistics momentum (PyTorch convention: new = (1 - m) * old + m * batch)."),
            new ParamDefinition("eps", ParamType.Float, "1e-05", "Added to the variance.")),
    ];
}
