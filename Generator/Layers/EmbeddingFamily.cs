using System.Collections.Generic;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>embedding</c>: token ids [time] to vectors [time, dim]; only as the first layer of an int64 input.</summary>
internal sealed class EmbeddingFamily : LayerFamily
{
    public override int CatalogPosition => 600;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("embedding", "Token ids [time] to vectors [time, dim]; the input must have dtype int64.",
            new ParamDefinition("vocab", ParamType.Int, null, "Number of distinct token ids.", required: true),
            new ParamDefinition("dim", ParamType.Int, null, "Vector size.", required: true, allowsOption: true),
            new ParamDefinition("padding_idx", ParamType.Int, null, "Token id whose vector stays zero.")),
    ];

    public override bool AcceptsDynamicFirstAxis => true;

    public override bool RunsPerStep => false;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        string dtype = context.Spec.Input.DType;
        if (!position.IsFirst || shape.Count != 1 || dtype != "int64")
        {
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, "token ids [time] as the first layer (input dtype: int64)", Show(shape) + (dtype == "int64" ? string.Empty : " of float32"));
            return null;
        }

        long vocab = layer.Find("vocab")!.Value.Int;
        Dim dim = SizeParam(layer, "dim");
        long? paddingIdx = layer.Find("padding_idx")?.Value.Int;
        if (paddingIdx >= vocab)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, layer.Find("padding_idx")!.Location, "embedding.padding_idx", paddingIdx, "must be below vocab (" + Invariant.Of(vocab) + ")");
            return null;
        }

        return Plan(layer, shape, [shape[0], dim], vocab * dim.Size, new EmbeddingSettings(vocab, dim, paddingIdx));
    }

    public override string FieldType(LayerPlan layer) => "Embedding";

    public override string Construct(LayerPlan layer)
    {
        var s = (EmbeddingSettings)layer.Settings;
        return $"{TypeNames.Nn}.Embedding({Invariant.Of(s.Vocab)}, {s.Size.Code}{(s.PaddingIdx is { } p ? ", padding_idx: " + Invariant.Of(p) : string.Empty)})";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        planner.Op(layer);
        planner.State.Dirty = true;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step) => w.Line($"x = {GeneratedNames.Field(step.Layer.Name)}.forward(x);", step.Comment);

    public override void WriteOnnx(StepWriter w, LayerStep step) => w.Line($"x = onnx.Embedding(this.{GeneratedNames.Field(step.Layer.Name)}, x);", step.Comment);
}
