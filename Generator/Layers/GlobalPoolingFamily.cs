using System.Collections.Generic;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>global_avgpool</c> and <c>global_maxpool</c>: a mean or max over time (masked by lengths) or over all spatial axes.</summary>
internal sealed class GlobalPoolingFamily : LayerFamily
{
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
}
