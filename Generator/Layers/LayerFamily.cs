using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>
/// One family of layer types (dense; conv1d/2d/3d; lstm/gru/rnn; …): everything the generator knows about it in one
/// place, as a Keras layer holds its config, build and call. <see cref="LayerCatalog"/> collects the families.
/// </summary>
internal abstract class LayerFamily
{
    /// <summary>The catalog entries of the family's types: YAML key, parameters, defaults and docs.</summary>
    public abstract IReadOnlyList<LayerDefinition> Definitions { get; }

    /// <summary>Whether it may get an input whose dynamic first axis is not a sequence's [time, features] (token ids, a sequence of images).</summary>
    public virtual bool AcceptsDynamicFirstAxis => false;

    /// <summary>Whether it may run inside time_distributed, on one step at a time.</summary>
    public virtual bool RunsPerStep => true;

    /// <summary>Whether it acts on the last axis only, so it applies to every step of [B, T, F] as it is (and may be a decoder head layer).</summary>
    public virtual bool ActsOnLastAxis => false;

    /// <summary>
    /// Checks the layer on its input <paramref name="shape"/> and resolves its output shape, parameter count and
    /// settings; reports a mistake through <paramref name="context"/> and returns null.
    /// </summary>
    public abstract LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position);
}
