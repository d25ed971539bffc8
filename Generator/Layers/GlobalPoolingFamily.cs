using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>global_avgpool</c> and <c>global_maxpool</c>: a mean or max over time (masked by lengths) or over all spatial axes.</summary>
internal sealed class GlobalPoolingFamily : LayerFamily
{
    public override int CatalogPosition => 900;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("global_avgpool", "Mean over time (sequences, masked by lengths) or over all spatial axes (images, clips)."),
        new("global_maxpool", "Max over time (sequences, masked by lengths) or over all spatial axes (images, clips)."),
    ];

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        int rank = shape.Count;
        if (rank < 2)
        {
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, "a sequence, an image or a clip", Show(shape));
            return null;
        }

        Dim channels = rank == 2 ? shape[1] : shape[0];
        return Plan(layer, shape, [channels], 0, LayerSettings.None);
    }

    public override string Describe(LayerPlan layer) => layer.Type == "global_avgpool" ? "GlobalAvgPool" : "GlobalMaxPool";

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        planner.Op(layer, toVector: layer.InRank == 2);
        planner.State.ChannelsFirst = false;
        planner.State.HasLengths = false;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step)
    {
        bool mean = step.Layer.Type == "global_avgpool";
        if (step.Layer.InRank == 2)
        {
            w.Line($"x = {TypeNames.SequenceOps}.{(mean ? "MeanOverTime" : "MaxOverTime")}(x, {step.Lengths}, timeDim: {step.TimeDim});", step.Comment);
        }
        else
        {
            w.Line($"x = x.{(mean ? "mean" : "amax")}(new long[] {{ {SpatialAxes(step.Layer)} }});", step.Comment);
        }
    }

    public override void WriteOnnx(StepWriter w, LayerStep step)
    {
        bool mean = step.Layer.Type == "global_avgpool";
        if (step.Layer.InRank == 2)
        {
            w.Line($"x = onnx.{(mean ? "MeanOverTime" : "MaxOverTime")}(x, {step.Lengths}, timeDim: {step.TimeDim});", step.Comment);
        }
        else
        {
            w.Line($"x = onnx.{(mean ? "ReduceMean" : "ReduceMax")}(x, new long[] {{ {SpatialAxes(step.Layer)} }});", step.Comment);
        }
    }

    private static string SpatialAxes(LayerPlan layer) => string.Join(", ", Enumerable.Range(2, layer.InRank - 1).Select(a => Invariant.Of(a)));
}
