using System.Collections.Generic;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>activation</c>: an activation function on its own, with no parameters to learn.</summary>
internal sealed class ActivationFamily : LayerFamily
{
    public override int CatalogPosition => 300;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("activation", "An activation function on its own.",
            new ParamDefinition("fn", ParamType.Choice, null, "The function.", required: true, choices: SharedParameters.Activations)),
    ];

    public override bool ActsOnLastAxis => true;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position) =>
        InferenceContext.Plan(layer, shape, shape, 0, LayerSettings.None with { Activation = InferenceContext.Text(layer, "fn") });

    public override string Describe(LayerPlan layer) => "Activation " + layer.Settings.Activation;

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer) => planner.Activation(layer.Settings.Activation, layer.OutShape);
}
