using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>dropout</c>: zeroes inputs at random while training; its rate is an option of the generated record.</summary>
internal sealed class DropoutFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("dropout", "Randomly zeroes inputs during training; the rate is an option of the generated options record.",
            new ParamDefinition("rate", ParamType.Float, "0.5", "Probability of zeroing an element.", allowsOption: true)),
    ];
}
