using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// A layer after shape inference: every size resolved, ready to emit. Shapes exclude the batch axis and use
/// the spec's (Keras) layout: sequences are [time, features], images [channels, height, width].
/// </summary>
internal sealed record LayerPlan(
    string Name,
    string Type,
    EquatableArray<Dim> InShape,
    EquatableArray<Dim> OutShape,
    long Parameters,
    LayerSettings Settings,
    LayerPlan? Inner,
    LocationInfo? Location)
{
    /// <summary>Rank of the input without the batch axis.</summary>
    public int InRank => InShape.Count;
}
