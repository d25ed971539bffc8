using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>flatten</c>: all axes into one vector; every axis must have a fixed size.</summary>
internal sealed class FlattenFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("flatten", "Flattens all axes into a vector; every axis must have a fixed size."),
    ];
}
