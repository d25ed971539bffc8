using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>time_distributed</c>: applies the wrapped layer to every step of a sequence.</summary>
internal sealed class TimeDistributedFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("time_distributed", "Applies the wrapped layer to every time step: '- time_distributed: { dense: { units: 7 } }'."),
    ];
}
