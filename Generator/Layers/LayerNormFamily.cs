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

/// <summary><c>layernorm</c>: layer normalisation over the last (feature) axis.</summary>
internal sealed class LayerNormFamily : LayerFamily
{
    public override int CatalogPosition => 500;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("layernorm", "Layer normalisation over the last (feature) axis.",
            new ParamDefinition("eps", ParamType.Float, "1e-05", "Added to the variance.")),
    ];

    public override bool ActsOnLastAxis => true;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        int rank = shape.Count;
        if (rank > 2)
        {
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, "a vector [features] or a sequence [time, features]", Show(shape));
            return null;
        }

        Dim features = shape[rank - 1];
        return Plan(layer, shape, shape, 2 * features.Size, new LayerNormSettings(features, Float(layer, "eps", 1e-5)));
    }

    public override string FieldType(LayerPlan layer) => "LayerNorm";

    public override string Construct(LayerPlan layer)
    {
        var s = (LayerNormSettings)layer.Settings;
        return $"{TypeNames.Nn}.LayerNorm({s.Features.Code}{(s.Eps != 1e-5 ? ", eps: " + Invariant.Literal(s.Eps) : string.Empty)})";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        planner.ChannelsLast(layer.InShape);
        planner.Op(layer);
        planner.State.Dirty = true;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step) => w.Line($"x = {GeneratedNames.Field(step.Layer.Name)}.forward(x);", step.Comment);

    public override void WriteOnnx(StepWriter w, LayerStep step) => w.Line($"x = onnx.LayerNorm(this.{GeneratedNames.Field(step.Layer.Name)}, x);", step.Comment);
}
