using System.Collections.Generic;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>dense</c>: a fully connected layer on a vector (or on every step of a sequence inside time_distributed).</summary>
internal sealed class DenseFamily : LayerFamily
{
    public override int CatalogPosition => 100;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("dense", "Fully connected layer on a vector.",
            new ParamDefinition("units", ParamType.Int, null, "Output features.", required: true, allowsOption: true),
            new ParamDefinition("bias", ParamType.Bool, "true", "Whether to learn a bias."),
            SharedParameters.Activation),
    ];

    public override bool ActsOnLastAxis => true;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        if (shape.Count != 1)
        {
            context.Report(DiagnosticDescriptors.DenseOnSequence, layer.Location, layer.Name, "dense", Show(shape));
            return null;
        }

        Dim units = SizeParam(layer, "units");
        bool bias = Bool(layer, "bias", true);
        long parameters = (shape[0].Size * units.Size) + (bias ? units.Size : 0);
        return Plan(layer, shape, [units], parameters, new DenseSettings(shape[0], units, bias) { Activation = Text(layer, "activation") });
    }

    public override string FieldType(LayerPlan layer) => "Linear";

    public override string Construct(LayerPlan layer)
    {
        var s = (DenseSettings)layer.Settings;
        return $"{TypeNames.Nn}.Linear({s.InFeatures.Code}, {s.OutFeatures.Code}{(s.Bias ? string.Empty : ", hasBias: false")})";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        planner.Op(layer);
        planner.Activation(layer.Settings.Activation, layer.OutShape);
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step) => w.Line($"x = {GeneratedNames.Field(step.Layer.Name)}.forward(x);", step.Comment);

    public override void WriteOnnx(StepWriter w, LayerStep step) => w.Line($"x = onnx.Linear(this.{GeneratedNames.Field(step.Layer.Name)}, x);", step.Comment);
}
