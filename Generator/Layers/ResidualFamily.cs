using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>
/// <c>residual</c>: a block of layers whose output is added to the block's input, <c>output = input + block(input)</c>
/// (ResNet's shortcut, WaveNet's residual connections). The inner layers must keep every axis but the features; when
/// they change the feature width, a learned projection of the input (a dense layer, or a 1×1 convolution on images)
/// is added instead of the input itself.
/// </summary>
internal sealed class ResidualFamily : LayerFamily
{
    /// <summary>The suffix of the projection's field after the block's name.</summary>
    public const string ProjectionSuffix = "_projection";

    public override int CatalogPosition => 1500;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("residual", "Adds the block's input to the output of its layers: '- residual: [ { conv1d: { filters: 32, kernel: 3, padding: causal } } ]'.",
            SharedParameters.Activation),
    ];

    public override bool AcceptsDynamicFirstAxis => true;

    public override bool RunsPerStep => false;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        int feature = FeatureAxis(shape);
        IReadOnlyList<Dim> current = shape;
        var plans = new List<LayerPlan>();
        long parameters = 0;
        foreach (LayerSpec inner in layer.Block)
        {
            // Inside a block on a sequence, a recurrent layer keeps the sequence by default: the block's output is added to it.
            LayerPlan? plan = context.InferLayer(inner, current, new LayerPosition(IsFirst: false, RecurrentFollows: shape.Count == 2, plans));
            if (plan is null)
            {
                return null;
            }

            if (Changed(shape, plan.OutShape, feature) is { } change)
            {
                context.Report(DiagnosticDescriptors.ResidualShape, inner.Location, layer.Name, inner.Name, inner.Type, change, Show(shape), Show(plan.OutShape), Fix(change));
                return null;
            }

            plans.Add(plan);
            parameters = checked(parameters + plan.Parameters);
            current = plan.OutShape;
        }

        LayerPlan? projection = null;
        if (!shape[feature].Equals(current[feature]))
        {
            if (shape.Count > 2 && shape[0].IsDynamic)
            {
                context.Report(DiagnosticDescriptors.ResidualShape, layer.Location, layer.Name, plans[plans.Count - 1].Name, plans[plans.Count - 1].Type, "the channels of each frame", Show(shape), Show(current),
                    "a sequence of images gets no projection; make the block's last layer keep " + shape[feature].Text + " channels");
                return null;
            }

            projection = Projection(layer, shape, current, feature);
            parameters = checked(parameters + projection.Parameters);
        }

        var settings = new ResidualSettings(plans.ToEquatableArray(), projection) { Activation = Text(layer, "activation") };
        return new LayerPlan(layer.Name, layer.Type, shape.ToEquatableArray(), current.ToEquatableArray(), parameters, settings, null, layer.Location);
    }

    public override IEnumerable<LayerPlan> Modules(LayerPlan layer)
    {
        var s = (ResidualSettings)layer.Settings;
        foreach (LayerPlan inner in s.Layers)
        {
            foreach (LayerPlan module in LayerCatalog.Family(inner.Type).Modules(inner))
            {
                yield return module;
            }
        }

        if (s.Projection is { } projection)
        {
            yield return projection;
        }
    }

    public override string Describe(LayerPlan layer)
    {
        var s = (ResidualSettings)layer.Settings;
        string inner = string.Join(", ", s.Layers.Select(l => LayerCatalog.Family(l.Type).Describe(l)));
        string shortcut = s.Projection is { } p ? " + " + LayerCatalog.Family(p.Type).Describe(p) + " projection" : string.Empty;
        return "Residual(" + inner + shortcut + ")";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        var s = (ResidualSettings)layer.Settings;
        bool channelsFirst = planner.State.ChannelsFirst;
        int index = planner.SaveShortcut(layer.InShape);
        foreach (LayerPlan inner in s.Layers)
        {
            planner.Layer(inner);
        }

        // The shortcut is added in the layout it was saved in.
        if (channelsFirst)
        {
            planner.ChannelsFirst(layer.OutShape);
        }
        else
        {
            planner.ChannelsLast(layer.OutShape);
        }

        planner.AddShortcut(index, s.Projection, layer.OutShape);

        // The sum holds the input's padded steps (and the projection's bias), so the next time-mixing layer masks them.
        planner.State.Dirty = true;
        planner.Activation(s.Activation, layer.OutShape);
    }

    /// <summary>The shortcut in TorchSharp calls: the saved input, or its projection in the layout it was saved in.</summary>
    public static string TorchSharpShortcut(AddShortcutStep step, string shortcut)
    {
        if (step.Projection is not { } p)
        {
            return shortcut;
        }

        string field = GeneratedNames.Field(p.Name);
        return OnChannelsFirstSequence(step)
            ? $"{field}.forward({shortcut}.transpose(1, 2)).transpose(1, 2)"
            : $"{field}.forward({shortcut})";
    }

    /// <summary>The shortcut in <c>OnnxGraphBuilder</c> calls: the saved input, or its projection (MatMul + Add, or a 1×1 Conv).</summary>
    public static string OnnxShortcut(AddShortcutStep step, string shortcut)
    {
        if (step.Projection is not { } p)
        {
            return shortcut;
        }

        string field = "this." + GeneratedNames.Field(p.Name);
        if (p.Type != "dense")
        {
            return $"onnx.Conv({field}, {shortcut})";
        }

        return OnChannelsFirstSequence(step)
            ? $"onnx.Transpose(onnx.Linear({field}, onnx.Transpose({shortcut}, 0, 2, 1)), 0, 2, 1)"
            : $"onnx.Linear({field}, {shortcut})";
    }

    /// <summary>The features' axis in the spec's layout: the last of a vector or sequence, the channels of an image or clip (after time for a sequence of them).</summary>
    private static int FeatureAxis(IReadOnlyList<Dim> shape) => shape.Count <= 2 ? shape.Count - 1 : shape[0].IsDynamic ? 1 : 0;

    /// <summary>What an inner layer's output changes besides the features (the axes the sum needs alike), or null.</summary>
    private static string? Changed(IReadOnlyList<Dim> input, IReadOnlyList<Dim> output, int feature)
    {
        if (output.Count != input.Count)
        {
            return "the rank";
        }

        for (int axis = 0; axis < input.Count; axis++)
        {
            if (axis != feature && (input[axis].Size != output[axis].Size || input[axis].Text != output[axis].Text))
            {
                return "the " + AxisOf(input, axis) + " axis";
            }
        }

        return null;
    }

    private static string AxisOf(IReadOnlyList<Dim> shape, int axis) => shape.Count switch
    {
        2 => "time",
        _ when shape[0].IsDynamic => axis == 0 ? "time" : AxisName(shape.Count - 2, axis - 2),
        _ => AxisName(shape.Count - 1, axis - 1),
    };

    private static string Fix(string change) => change == "the rank"
        ? "the block's output is added to its input, so its layers must keep the rank; reduce or flatten after the block"
        : "the block's output is added to its input, so its layers must keep that axis: use stride 1 with padding: same (or causal), and pool after the block";

    /// <summary>The learned projection of the block's input to the inner layers' feature width: a dense layer on vectors and sequences, a 1×1 convolution on images and clips.</summary>
    private static LayerPlan Projection(LayerSpec layer, IReadOnlyList<Dim> input, IReadOnlyList<Dim> output, int feature)
    {
        Dim from = input[feature];
        Dim to = output[feature];
        long parameters = checked((from.Size * to.Size) + to.Size);
        string name = layer.Name + ProjectionSuffix;
        if (input.Count <= 2)
        {
            return new LayerPlan(name, "dense", input.ToEquatableArray(), output.ToEquatableArray(), parameters, new DenseSettings(from, to, Bias: true), null, layer.Location);
        }

        int spatial = input.Count - 1;
        EquatableArray<long> ones = Enumerable.Repeat(1L, spatial).ToEquatableArray();
        EquatableArray<long> zeros = Enumerable.Repeat(0L, spatial).ToEquatableArray();
        var settings = new ConvolutionSettings(from, to, ones, ones, zeros, zeros, Dilation: 1, Bias: true);
        return new LayerPlan(name, spatial == 2 ? "conv2d" : "conv3d", input.ToEquatableArray(), output.ToEquatableArray(), parameters, settings, null, layer.Location);
    }

    private static bool OnChannelsFirstSequence(AddShortcutStep step) => step.ChannelsFirst && step.Projection!.InRank == 2;
}
