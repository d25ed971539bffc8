using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Shapes;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>
/// One family of layer types (dense; conv1d/2d/3d; lstm/gru/rnn; …): everything the generator knows about it in one
/// place, as a Keras layer holds its config, build and call. <see cref="LayerCatalog"/> collects the families.
/// </summary>
internal abstract class LayerFamily
{
    /// <summary>
    /// Where the family's types stand in the catalog (error messages, docs and the schema list them in this order):
    /// unique, in steps of 100 so a new family slots in between without renumbering the others.
    /// <see cref="LayerCatalog"/> finds every family by itself, so a new family is this one file.
    /// </summary>
    public abstract int CatalogPosition { get; }

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

    /// <summary>The TorchSharp module type of the layer's field (in <c>TorchSharp.Modules</c>), or empty for a pure tensor operation, which has no field.</summary>
    public virtual string FieldType(LayerPlan layer) => string.Empty;

    /// <summary>The expression that builds the field in the generated constructor, where the options record is <c>options</c>.</summary>
    public virtual string Construct(LayerPlan layer) => string.Empty;

    /// <summary>The layer's type in the summary table: its module type, or a name for a tensor operation.</summary>
    public virtual string Describe(LayerPlan layer) => FieldType(layer);

    /// <summary>
    /// The plans that own a field of the generated module, in the order they are declared: the layer itself when it
    /// has a module type, or what a wrapper holds.
    /// </summary>
    public virtual IEnumerable<LayerPlan> Modules(LayerPlan layer) => FieldType(layer).Length > 0 ? [layer] : [];

    /// <summary>The layer's type in the generated <c>Info</c> table.</summary>
    public virtual string InfoType(LayerPlan layer) => layer.Type;

    /// <summary>
    /// The options property a layer of this family gets for a value it gives as a literal but that the options record
    /// holds (a dropout rate), or null. <see cref="OptionProperties"/> lists them family by family, in catalog order.
    /// </summary>
    public virtual OptionProperty? OwnOption(LayerSpec layer) => null;

    /// <summary>
    /// Plans the layer's forward steps: the layout it needs, masking and lengths around it, its own step
    /// (<see cref="ForwardPlanner.Op"/>) and its activation. By default, its own step alone.
    /// </summary>
    public virtual void PlanForward(ForwardPlanner planner, LayerPlan layer) => planner.Op(layer);

    /// <summary>Writes the layer's own step in TorchSharp calls (in <c>forward</c>).</summary>
    public virtual void WriteTorchSharp(StepWriter w, LayerStep step)
    {
    }

    /// <summary>Writes the layer's own step in <c>OnnxGraphBuilder</c> calls (in <c>ToOnnx</c>).</summary>
    public virtual void WriteOnnx(StepWriter w, LayerStep step)
    {
    }

    /// <summary>One size, or a C# tuple of one size per axis (TorchSharp's overloads take either, not a mix).</summary>
    protected static string Tuple(EquatableArray<long> values, bool tuple) =>
        tuple && values.Count > 1 ? "(" + string.Join(", ", values.Select(Invariant.Of)) + ")" : Invariant.Of(values[0]);

    /// <summary>Whether every axis has the same value.</summary>
    protected static bool Uniform(EquatableArray<long> values) => values.All(v => v == values[0]);
}
