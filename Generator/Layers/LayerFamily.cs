using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>
/// One family of layer types (dense; conv1d/2d/3d; lstm/gru/rnn; …): everything the generator knows about it in one
/// place, as a Keras layer holds its config, build and call. <see cref="LayerCatalog"/> collects the families.
/// </summary>
internal abstract class LayerFamily
{
    /// <summary>The catalog entries of the family's types: YAML key, parameters, defaults and docs.</summary>
    public abstract IReadOnlyList<LayerDefinition> Definitions { get; }
}
