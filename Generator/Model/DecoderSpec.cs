using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>The <c>decoder:</c> section: a recurrent decoder unrolled for <c>steps</c>, seeded with the encoder's vector.</summary>
internal sealed record DecoderSpec(EquatableArray<LayerParam> Params, EquatableArray<LayerSpec> Head, LocationInfo? Location)
{
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
