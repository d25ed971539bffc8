using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>flatten</c>: all axes into one vector; every axis must have a fixed size.</summary>
internal sealed class FlattenFamily : LayerFamily
{
    public override int CatalogPosition => 1000;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("flatten", "Flattens all axes into a vector; every axis must have a fixed size."),
    ];

    /// <summary>It refuses a dynamic axis itself, with the axis' name (QD0108).</summary>
    public override bool AcceptsDynamicFirstAxis => true;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        Dim? dynamic = shape.FirstOrDefault(d => d.IsDynamic);
        if (dynamic is not null)
        {
            context.Report(DiagnosticDescriptors.FlattenDynamic, layer.Location, layer.Name, Show(shape), dynamic.Text);
            return null;
        }

        return Plan(layer, shape, [DimMath.Product(shape)], 0, LayerSettings.None);
    }

    public override string Describe(LayerPlan layer) => "Flatten";

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        planner.ChannelsLast(layer.InShape);
        planner.Op(layer);
        planner.State.HasLengths = false;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step) => w.Line("x = x.flatten(1);", step.Comment);

    public override void WriteOnnx(StepWriter w, LayerStep step) => w.Line("x = onnx.Flatten(x, 1);", step.Comment);
}
