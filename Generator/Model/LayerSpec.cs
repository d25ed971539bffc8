using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>A layer as written in the spec (validated against the catalog, not yet shape-checked).</summary>
/// <param name="Type">Catalog type, e.g. <c>conv1d</c>.</param>
/// <param name="Name">Field name: the spec's <c>name</c>, or <c>{type}_{n}</c>.</param>
/// <param name="Params">Parameters other than <c>name</c>.</param>
/// <param name="Inner">The wrapped layer of <c>time_distributed</c>.</param>
/// <param name="Location">Where the layer's type key is.</param>
internal sealed record LayerSpec(string Type, string Name, EquatableArray<LayerParam> Params, LayerSpec? Inner, LocationInfo? Location)
{
    /// <summary>The layers of a <c>residual</c> block, in order; empty for every other type.</summary>
    public EquatableArray<LayerSpec> Block { get; init; }

    public LayerParam? Find(string key)
    {
        foreach (LayerParam p in Params)
        {
            if (p.Key == key)
            {
                return p;
            }
        }

        return null;
    }
}
