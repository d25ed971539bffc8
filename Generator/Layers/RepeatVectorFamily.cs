using System.Collections.Generic;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>repeat_vector</c>: a vector repeated n times into a sequence [n, features].</summary>
internal sealed class RepeatVectorFamily : LayerFamily
{
    public override int CatalogPosition => 1300;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("repeat_vector", "Repeats a vector n times into a sequence [n, features].",
            new ParamDefinition("n", ParamType.Int, null, "Number of steps; defaults to the output's length.")),
    ];

    public override bool RunsPerStep => false;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        if (shape.Count != 1)
        {
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, "a vector [features]", Show(shape));
            return null;
        }

        ModelSpec spec = context.Spec;
        long n = layer.Find("n")?.Value.Int ?? (spec.Output is { } o && o.Shape.Count >= 2 && !o.Shape[0].IsDynamic ? o.Shape[0].Size : 0);
        if (n <= 0)
        {
            context.Report(DiagnosticDescriptors.MissingOutputLength, layer.Location, spec.Name);
            return null;
        }

        return Plan(layer, shape, [Dim.Fixed(n), shape[0]], 0, new RepeatVectorSettings(n));
    }

    public override string Describe(LayerPlan layer) => "RepeatVector";

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        planner.Op(layer);
        planner.State.ChannelsFirst = false;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step) =>
        w.Line($"x = x.unsqueeze(1).repeat(1, {Invariant.Of(((RepeatVectorSettings)step.Layer.Settings).Repeat)}, 1);", step.Comment);

    public override void WriteOnnx(StepWriter w, LayerStep step) =>
        w.Line($"x = onnx.RepeatVector(x, {Invariant.Of(((RepeatVectorSettings)step.Layer.Settings).Repeat)});", step.Comment);
}
