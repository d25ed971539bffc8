using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>maxpool</c> and <c>avgpool</c>: window pooling, 1d over time, 2d or 3d from the input's rank.</summary>
internal sealed class PoolingFamily : LayerFamily
{
    public override int CatalogPosition => 800;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        Pool("maxpool", "Max pooling (1d over time, 2d, or 3d from the input's rank)."),
        Pool("avgpool", "Average pooling (1d over time, 2d, or 3d from the input's rank)."),
    ];

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        int rank = shape.Count;
        if (rank < 2 || rank > 4)
        {
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, "a sequence [time, channels], an image or a clip", Show(shape));
            return null;
        }

        int spatial = rank - 1;
        long[]? size = context.PerAxis(layer, "size", spatial, 2);
        long[]? stride = layer.Find("stride") is null ? size : context.PerAxis(layer, "stride", spatial, 1);
        if (size is null || stride is null)
        {
            return null;
        }

        bool same = Text(layer, "padding") == "same";
        if (same && !size.SequenceEqual(stride))
        {
            // Stryker disable once NullCoalescing : padding: same is read from the key, so it is there
            context.Report(DiagnosticDescriptors.InvalidValue, layer.Find("padding")?.Location ?? layer.Location, layer.Type + ".padding", "same", "pooling with padding: same needs stride equal to size; drop stride or use padding: valid");
            return null;
        }

        List<Dim> lengths = spatial == 1 ? [shape[0]] : shape.Skip(1).ToList();
        var outLengths = new List<Dim>();
        for (int a = 0; a < spatial; a++)
        {
            if (!same && !lengths[a].IsDynamic && size[a] > lengths[a].Size)
            {
                context.Report(DiagnosticDescriptors.KernelTooLarge, layer.Find("size")?.Location ?? layer.Location, layer.Name, Invariant.Of(size[a]), lengths[a].Text, AxisName(spatial, a));
                return null;
            }

            outLengths.Add(DimMath.Window(lengths[a], size[a], stride[a], 0, 1, ceil: same));
        }

        Dim channels = spatial == 1 ? shape[1] : shape[0];
        List<Dim> outShape = spatial == 1 ? [outLengths[0], channels] : [channels, .. outLengths];
        return Plan(layer, shape, outShape, 0, new PoolingSettings(size.ToEquatableArray(), stride.ToEquatableArray(), same));
    }

    public override string FieldType(LayerPlan layer) => (layer.Type == "maxpool" ? "MaxPool" : "AvgPool") + Invariant.Of(layer.InRank - 1) + "d";

    public override string Construct(LayerPlan layer)
    {
        var s = (PoolingSettings)layer.Settings;
        bool tuples = !Uniform(s.Kernel) || !Uniform(s.Stride);
        var args = new List<string> { Tuple(s.Kernel, tuples) };
        if (!s.Stride.SequenceEqual(s.Kernel))
        {
            args.Add("stride: " + Tuple(s.Stride, tuples));
        }

        if (s.CeilMode)
        {
            args.Add("ceil_mode: true");
        }

        return $"{TypeNames.Nn}.{FieldType(layer)}({string.Join(", ", args)})";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        var s = (PoolingSettings)layer.Settings;
        bool sequence = layer.InRank == 2;
        if (sequence)
        {
            planner.ChannelsFirst(layer.InShape);
            planner.Mask(negativeInfinity: layer.Type == "maxpool");
        }

        planner.Op(layer);
        if (sequence)
        {
            planner.Lengths(s.Kernel[0], s.Stride[0], 0, 1, s.CeilMode);
        }

        planner.State.Dirty = true;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step) => w.Line($"x = {GeneratedNames.Field(step.Layer.Name)}.forward(x);", step.Comment);

    public override void WriteOnnx(StepWriter w, LayerStep step) =>
        w.Line($"x = onnx.{(step.Layer.Type == "maxpool" ? "MaxPool" : "AveragePool")}(this.{GeneratedNames.Field(step.Layer.Name)}, x);", step.Comment);

    private static LayerDefinition Pool(string type, string description) =>
        new(type, description,
            new ParamDefinition("size", ParamType.IntOrList, "2", "Window size."),
            new ParamDefinition("stride", ParamType.IntOrList, null, "Stride; defaults to the window size."),
            new ParamDefinition("padding", ParamType.Choice, "valid", "valid: drop the incomplete last window; same: keep it (output ceil(input / stride); needs stride = size).", choices: SharedParameters.Paddings));
}
