using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>repeat_vector</c>: a vector repeated n times into a sequence [n, features].</summary>
internal sealed class RepeatVectorFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("repeat_vector", "Repeats a vector n times into a sequence [n, features].",
            new ParamDefinition("n", ParamType.Int, null, "Number of steps; defaults to the output's length.")),
    ];
}
