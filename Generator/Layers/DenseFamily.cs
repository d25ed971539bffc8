using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>dense</c>: a fully connected layer on a vector (or on every step of a sequence inside time_distributed).</summary>
internal sealed class DenseFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("dense", "Fully connected layer on a vector.",
            new ParamDefinition("units", ParamType.Int, null, "Output features.", required: true, allowsOption: true),
            new ParamDefinition("bias", ParamType.Bool, "true", "Whether to learn a bias."),
            SharedParameters.Activation),
    ];
}
