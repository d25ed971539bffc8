using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>activation</c>: an activation function on its own, with no parameters to learn.</summary>
internal sealed class ActivationFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("activation", "An activation function on its own.",
            new ParamDefinition("fn", ParamType.Choice, null, "The function.", required: true, choices: SharedParameters.Activations)),
    ];
}
