using System.Collections.Generic;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Shapes;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>dropout</c>: zeroes inputs at random while training; its rate is an option of the generated record.</summary>
internal sealed class DropoutFamily : LayerFamily
{
    public override int CatalogPosition => 200;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("dropout", "Randomly zeroes inputs during training; the rate is an option of the generated options record.",
            new ParamDefinition("rate", ParamType.Float, "0.5", "Probability of zeroing an element.", allowsOption: true)),
    ];

    public override bool ActsOnLastAxis => true;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position) =>
        InferenceContext.Plan(layer, shape, shape, 0, new DropoutSettings(layer.Find("rate")?.Value.OptionRef));

    public override string FieldType(LayerPlan layer) => "Dropout";

    public override string Construct(LayerPlan layer) => $"{TypeNames.Nn}.Dropout(options.{RateProperty(layer)})";

    public override OptionProperty? OwnOption(LayerSpec layer)
    {
        if (layer.Find("rate")?.Value.OptionRef is not null)
        {
            return null;
        }

        ParamValue rate = layer.Find("rate")?.Value ?? ParamValue.OfFloat(0.5, "0.5");
        return new OptionProperty(
            GeneratedNames.RateProperty(layer.Name, dropoutLayer: true),
            false,
            rate,
            $"the rate of layer '{layer.Name}'",
            $"Drop probability of layer '{layer.Name}' (default {Invariant.Literal(rate.Float)}).",
            layer.Location,
            [new OptionUse(layer.Name + ".rate", ParamRule.Rate)]);
    }

    /// <summary>The options property that holds the rate: the option it refers to, or the layer's own property.</summary>
    public static string RateProperty(LayerPlan layer) =>
        ((DropoutSettings)layer.Settings).RateOption is { } option ? GeneratedNames.OptionProperty(option) : GeneratedNames.RateProperty(layer.Name, dropoutLayer: true);

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer) => planner.Op(layer);

    public override void WriteTorchSharp(StepWriter w, LayerStep step) => w.Line($"x = {GeneratedNames.Field(step.Layer.Name)}.forward(x);", step.Comment);

    public override void WriteOnnx(StepWriter w, LayerStep step) => w.Line($"x = onnx.Dropout(this.{GeneratedNames.Field(step.Layer.Name)}, x);", step.Comment);
}
