using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>
/// <c>attention</c>: multi-head self-attention over a sequence [time, features] (PyTorch's <c>nn.MultiheadAttention</c>
/// with query = key = value), masked by lengths so padded steps are never attended; the output keeps the input's width,
/// as in PyTorch and Keras.
/// </summary>
internal sealed class AttentionFamily : LayerFamily
{
    public override int CatalogPosition => 1400;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("attention", "Multi-head self-attention over a sequence [time, features]; padded steps are never attended. Output [time, features].",
            new ParamDefinition("heads", ParamType.Int, null, "Attention heads; they must divide the features (each head sees features / heads of them).", required: true),
            new ParamDefinition("causal", ParamType.Bool, "false", "Each step attends only to itself and earlier steps (Keras' use_causal_mask), as a forecaster or tagger that must not read ahead needs."),
            new ParamDefinition("dropout", ParamType.Float, "0", "Dropout on the attention weights while training.")),
    ];

    public override bool RunsPerStep => false;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        if (shape.Count != 2)
        {
            string hint = shape.Count == 1 && position.Previous.LastOrDefault() is { Settings: RecurrentSettings { ReturnSequences: false } } last
                ? $"; set return_sequences: true on '{last.Name}'"
                : string.Empty;
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, "a sequence [time, features]", Show(shape) + hint);
            return null;
        }

        Dim features = shape[1];
        long heads = layer.Find("heads")?.Value.Int ?? 1;
        if (features.Size % heads != 0)
        {
            LayerParam param = layer.Find("heads")!;
            long divisor = Enumerable.Range(1, (int)System.Math.Min(features.Size, 64)).Where(h => features.Size % h == 0 && h <= heads).Max();
            context.Report(DiagnosticDescriptors.HeadsDoNotDivide, param.Location, layer.Name, features.Text, Invariant.Of(heads), Invariant.Of(divisor));
            return null;
        }

        // in_proj_weight [3F, F] and in_proj_bias [3F], out_proj [F, F] and its bias [F].
        long parameters = 4 * features.Size * (features.Size + 1);
        var settings = new Settings(features, heads, Bool(layer, "causal", false), Float(layer, "dropout", 0));
        return Plan(layer, shape, shape, parameters, settings);
    }

    public override string FieldType(LayerPlan layer) => "MultiheadAttention";

    public override string Construct(LayerPlan layer)
    {
        var s = (Settings)layer.Settings;
        return $"{TypeNames.Nn}.MultiheadAttention({s.Features.Code}, {Invariant.Of(s.Heads)}{(s.Dropout > 0 ? ", dropout: " + Invariant.Literal(s.Dropout) : string.Empty)})";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        // Padded keys are masked inside the op, so the input's padding needs no masking first; the padded steps of the
        // output hold attention over the valid ones, so a later time-mixing layer masks them.
        planner.ChannelsLast(layer.InShape);
        planner.Op(layer);
        planner.State.Dirty = true;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step)
    {
        var s = (Settings)step.Layer.Settings;
        w.Line($"x = {TypeNames.SequenceOps}.SelfAttention({GeneratedNames.Field(step.Layer.Name)}, x, {step.Lengths}{(s.Causal ? ", causal: true" : string.Empty)});", step.Comment);
    }

    public override void WriteOnnx(StepWriter w, LayerStep step)
    {
        var s = (Settings)step.Layer.Settings;
        string lengths = step.HasLengths ? ", lengths" : string.Empty;
        w.Line($"x = onnx.SelfAttention(this.{GeneratedNames.Field(step.Layer.Name)}, x, heads: {Invariant.Of(s.Heads)}{lengths}{(s.Causal ? ", causal: true" : string.Empty)});", step.Comment);
    }

    /// <summary>
    /// An attention layer's width, heads and options. Nested here rather than in a file of its own: it is read by this
    /// family only, and keeping it here is what makes a new layer one file.
    /// </summary>
    internal sealed record Settings(Dim Features, long Heads, bool Causal, double Dropout) : LayerSettings;
}
