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

/// <summary><c>batchnorm</c>: batch normalisation over features or channels, 1d, 2d or 3d from the input's rank.</summary>
internal sealed class BatchNormFamily : LayerFamily
{
    public override int CatalogPosition => 400;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("batchnorm", "Batch normalisation over features/channels (1d, 2d or 3d from the input's rank).",
            new ParamDefinition("momentum", ParamType.Float, "0.1", "Running-statistics momentum (PyTorch convention: new = (1 - m) * old + m * batch)."),
            new ParamDefinition("eps", ParamType.Float, "1e-05", "Added to the variance.")),
    ];

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        int rank = shape.Count;
        Dim features = rank switch { 1 => shape[0], 2 => shape[1], _ => shape[0] };
        if (rank > 4)
        {
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, "a vector, a sequence, an image or a clip", Show(shape));
            return null;
        }

        return Plan(layer, shape, shape, 2 * features.Size, new BatchNormSettings(features, Float(layer, "eps", 1e-5), Float(layer, "momentum", 0.1)));
    }

    public override string FieldType(LayerPlan layer) => "BatchNorm" + (layer.InRank switch { 1 or 2 => "1d", 3 => "2d", _ => "3d" });

    public override string Construct(LayerPlan layer)
    {
        var s = (BatchNormSettings)layer.Settings;
        return $"{TypeNames.Nn}.{FieldType(layer)}({s.Features.Code}{(s.Eps != 1e-5 ? ", eps: " + Invariant.Literal(s.Eps) : string.Empty)}{(s.Momentum != 0.1 ? ", momentum: " + Invariant.Literal(s.Momentum) : string.Empty)})";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        if (layer.InRank == 2)
        {
            planner.ChannelsFirst(layer.InShape);
        }

        planner.Op(layer);
        planner.State.Dirty = true;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step) => w.Line($"x = {GeneratedNames.Field(step.Layer.Name)}.forward(x);", step.Comment);

    public override void WriteOnnx(StepWriter w, LayerStep step) => w.Line($"x = onnx.BatchNorm(this.{GeneratedNames.Field(step.Layer.Name)}, x);", step.Comment);
}
