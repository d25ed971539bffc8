using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Naming;

/// <summary>
/// The properties of a model's options record, computed from the spec alone: the parser checks them for collisions
/// and the emitter writes them, so both see the same list. Order: the options as declared, then the properties layers
/// own (<see cref="LayerFamily.OwnOption"/>: the rates of <c>dropout</c> layers, then the dropout of stacked recurrent
/// layers), family by family in catalog order.
/// </summary>
internal static class OptionProperties
{
    public static IReadOnlyList<OptionProperty> Of(ModelSpec spec)
    {
        var uses = new Dictionary<string, List<OptionUse>>(System.StringComparer.Ordinal);
        foreach (LayerSpec layer in ModuleLayers(spec))
        {
            LayerDefinition? definition = LayerCatalog.Find(layer.Type);
            foreach (LayerParam p in layer.Params)
            {
                if (p.Value.OptionRef is { } option && definition?.Find(p.Key) is { } def)
                {
                    Use(uses, option, new OptionUse(layer.Name + "." + p.Key, def.Rule));
                }
            }
        }

        if (spec.Decoder is { } decoder)
        {
            foreach (LayerParam p in decoder.Params)
            {
                if (p.Value.OptionRef is { } option && LayerCatalog.DecoderParameters.FirstOrDefault(d => d.Key == p.Key) is { } def)
                {
                    Use(uses, option, new OptionUse("decoder." + p.Key, def.Rule));
                }
            }
        }

        var result = new List<OptionProperty>();
        foreach (OptionSpec option in spec.Options)
        {
            IReadOnlyList<OptionUse> used = uses.TryGetValue(option.Name, out List<OptionUse>? list) ? list : [];
            result.Add(new OptionProperty(
                GeneratedNames.OptionProperty(option.Name),
                option.Default.Kind == ParamKind.Int,
                option.Default,
                $"option '{option.Name}'",
                $"Option '{option.Name}' of the spec (default {option.Default.Text}).",
                option.Location,
                used));
        }

        foreach (LayerFamily family in LayerCatalog.Families)
        {
            foreach (LayerSpec layer in ModuleLayers(spec))
            {
                if (LayerCatalog.Family(layer.Type) == family && family.OwnOption(layer) is { } property)
                {
                    result.Add(property);
                }
            }
        }

        return result;
    }

    /// <summary>The layers that own a submodule or a rate: each layer (the wrapped one of <c>time_distributed</c>, the layers of a <c>residual</c> block), then the decoder head.</summary>
    public static IEnumerable<LayerSpec> ModuleLayers(ModelSpec spec)
    {
        foreach (LayerSpec layer in spec.Layers.SelectMany(Owners))
        {
            yield return layer;
        }

        if (spec.Decoder is { } decoder)
        {
            foreach (LayerSpec layer in decoder.Head)
            {
                yield return layer;
            }
        }
    }

    private static IEnumerable<LayerSpec> Owners(LayerSpec layer) => layer.Block.Count > 0 ? layer.Block.SelectMany(Owners) : [layer.Inner ?? layer];

    private static void Use(Dictionary<string, List<OptionUse>> uses, string option, OptionUse use)
    {
        if (!uses.TryGetValue(option, out List<OptionUse>? list))
        {
            uses[option] = list = [];
        }

        list.Add(use);
    }
}
