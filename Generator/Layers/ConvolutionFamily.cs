using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Parsing;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>conv1d</c> over the time of a sequence, <c>conv2d</c> over an image, <c>conv3d</c> over a clip.</summary>
internal sealed class ConvolutionFamily : LayerFamily
{
    public override int CatalogPosition => 700;

    private const string SpatialPadding =
        "valid: no padding; same: output length ceil(input / stride), padded dilation × (kernel - 1) in total, the extra one on the right for even kernels; a whole number (or one per spatial axis): that many zeros on each side.";

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        Conv("conv1d", "1D convolution over time of a sequence [time, channels] (the transposes to PyTorch's [B, C, T] are generated).", SharedParameters.SequencePaddings,
            "valid: no padding; same: output length ceil(input / stride), padded dilation × (kernel - 1) in total, the extra one on the right for even kernels; causal: all of it on the left, so step t sees only steps up to t; a whole number: that many zeros on each side."),
        Conv("conv2d", "2D convolution of an image [channels, height, width].", SharedParameters.Paddings, SpatialPadding),
        Conv("conv3d", "3D convolution of a clip [channels, frames, height, width].", SharedParameters.Paddings, SpatialPadding),
    ];

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        int spatial = layer.Type[4] - '0';
        int rank = shape.Count;
        string expected = spatial switch { 1 => "a sequence [time, channels]", 2 => "an image [channels, height, width]", _ => "a clip [channels, frames, height, width]" };
        if (rank != spatial + 1)
        {
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, expected, Show(shape));
            return null;
        }

        // Sequences are [time, channels] (Keras); images and clips are channels-first (PyTorch).
        Dim inChannels = spatial == 1 ? shape[1] : shape[0];
        List<Dim> lengths = spatial == 1 ? [shape[0]] : shape.Skip(1).ToList();
        long[]? kernel = context.PerAxis(layer, "kernel", spatial, null);
        long[]? stride = context.PerAxis(layer, "stride", spatial, 1);
        if (kernel is null || stride is null)
        {
            return null;
        }

        long dilation = layer.Find("dilation")?.Value.Int ?? 1;
        LayerParam? padding = layer.Find("padding");
        string mode = padding is null ? "valid" : padding.Value.Kind == ParamKind.String ? padding.Value.Text : "explicit";
        long[]? explicitPadding = mode == "explicit" ? context.PerAxis(layer, "padding", spatial, 0) : null;
        if (mode == "explicit" && explicitPadding is null)
        {
            return null;
        }

        var padLeft = new long[spatial];
        var padRight = new long[spatial];
        var outLengths = new List<Dim>();
        for (int a = 0; a < spatial; a++)
        {
            long effective = (dilation * (kernel[a] - 1)) + 1;
            if (effective > SpecLimits.MaxSize)
            {
                // The window (and with padding: same, the padding) must stay a size libtorch can allocate.
                // Stryker disable once NullCoalescing : a kernel alone is at most 2^24, so only a dilation gets past the limit and its key is there
                context.Report(DiagnosticDescriptors.InvalidValue, layer.Find("dilation")?.Location ?? layer.Find("kernel")?.Location ?? layer.Location, layer.Type + ".dilation",
                    Invariant.Of(dilation), "dilation × (kernel − 1) + 1 = " + Invariant.Of(effective) + " must be at most " + Invariant.Of(SpecLimits.MaxSize));
                return null;
            }

            switch (mode)
            {
                case "same":
                    padLeft[a] = (effective - 1) / 2;
                    padRight[a] = effective - 1 - padLeft[a];
                    break;
                case "causal":
                    // Step t sees steps t - dilation·(kernel - 1) .. t: all padding goes before the first step.
                    padLeft[a] = effective - 1;
                    break;
                case "explicit":
                    padLeft[a] = explicitPadding![a];
                    padRight[a] = explicitPadding[a];
                    break;
            }

            // Stryker disable once Checked : the project compiles with CheckForOverflowUnderflow; checked() states the intent
            long padded = lengths[a].IsDynamic ? 0 : checked(lengths[a].Size + padLeft[a] + padRight[a]);
            if (!lengths[a].IsDynamic && effective > padded)
            {
                string length = padded == lengths[a].Size ? lengths[a].Text : lengths[a].Text + " (" + Invariant.Of(padded) + " padded)";
                // Stryker disable once NullCoalescing : kernel is a required key of every convolution
                context.Report(DiagnosticDescriptors.KernelTooLarge, layer.Find("kernel")?.Location ?? layer.Location, layer.Name, Invariant.Of(effective), length, AxisName(spatial, a));
                return null;
            }

            outLengths.Add(DimMath.Window(lengths[a], kernel[a], stride[a], padLeft[a] + padRight[a], dilation, ceil: false));
        }

        Dim filters = SizeParam(layer, "filters");
        bool bias = Bool(layer, "bias", true);
        long parameters = (inChannels.Size * filters.Size * kernel.Aggregate(1L, (x, y) => x * y)) + (bias ? filters.Size : 0);
        List<Dim> outShape = spatial == 1 ? [outLengths[0], filters] : [filters, .. outLengths];
        var settings = new ConvolutionSettings(inChannels, filters, kernel.ToEquatableArray(), stride.ToEquatableArray(), padLeft.ToEquatableArray(), padRight.ToEquatableArray(), dilation, bias)
        {
            Activation = Text(layer, "activation"),
        };
        return Plan(layer, shape, outShape, parameters, settings);
    }

    public override string FieldType(LayerPlan layer) => layer.Type switch { "conv1d" => "Conv1d", "conv2d" => "Conv2d", _ => "Conv3d" };

    public override string Construct(LayerPlan layer)
    {
        var s = (ConvolutionSettings)layer.Settings;

        // TorchSharp has one overload of sizes and one of tuples; a tuple anywhere means tuples everywhere.
        bool padded = s.SymmetricPadding && s.PadLeft.Any(v => v != 0);
        bool tuples = !Uniform(s.Kernel) || !Uniform(s.Stride) || (padded && !Uniform(s.PadLeft));
        var args = new List<string> { s.InChannels.Code, s.Filters.Code, Tuple(s.Kernel, tuples) };
        if (s.Stride.Any(v => v != 1))
        {
            args.Add("stride: " + Tuple(s.Stride, tuples));
        }

        if (padded)
        {
            args.Add("padding: " + Tuple(s.PadLeft, tuples));
        }

        if (s.Dilation != 1)
        {
            args.Add("dilation: " + Tuple(Enumerable.Repeat(s.Dilation, s.Kernel.Count).ToEquatableArray(), tuples));
        }

        if (!s.Bias)
        {
            args.Add("bias: false");
        }

        return $"{TypeNames.Nn}.{FieldType(layer)}({string.Join(", ", args)})";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        var s = (ConvolutionSettings)layer.Settings;
        bool sequence = layer.Type == "conv1d";
        if (sequence)
        {
            planner.ChannelsFirst(layer.InShape);
            planner.Mask(negativeInfinity: false);
        }

        planner.Op(layer);
        if (sequence)
        {
            planner.Lengths(s.Kernel[0], s.Stride[0], s.PadLeft[0] + s.PadRight[0], s.Dilation, ceil: false);
        }

        planner.Activation(s.Activation, layer.OutShape);
        planner.State.Dirty = true;
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step)
    {
        var s = (ConvolutionSettings)step.Layer.Settings;
        if (!s.SymmetricPadding)
        {
            // PyTorch pads both sides alike; 'same' with an even kernel needs one more on the right (last axis first in F.pad).
            var pads = new List<string>();
            for (int a = s.PadLeft.Count - 1; a >= 0; a--)
            {
                pads.Add(Invariant.Of(s.PadLeft[a]));
                pads.Add(Invariant.Of(s.PadRight[a]));
            }

            w.Line($"x = {TypeNames.Functional}.pad(x, new long[] {{ {string.Join(", ", pads)} }});");
        }

        w.Line($"x = {GeneratedNames.Field(step.Layer.Name)}.forward(x);", step.Comment);
    }

    public override void WriteOnnx(StepWriter w, LayerStep step)
    {
        // The plan's pads, begins then ends: the module's own symmetric padding, or F.pad's asymmetric 'same' padding.
        var s = (ConvolutionSettings)step.Layer.Settings;
        string pads = string.Join(", ", s.PadLeft.Concat(s.PadRight).Select(Invariant.Of));
        w.Line($"x = onnx.Conv(this.{GeneratedNames.Field(step.Layer.Name)}, x, new long[] {{ {pads} }});", step.Comment);
    }

    private static LayerDefinition Conv(string type, string description, string[] paddings, string paddingDescription) =>
        new(type, description,
            new ParamDefinition("filters", ParamType.Int, null, "Output channels.", required: true, allowsOption: true),
            new ParamDefinition("kernel", ParamType.IntOrList, null, "Kernel size (one value, or one per spatial axis).", required: true),
            new ParamDefinition("stride", ParamType.IntOrList, "1", "Stride."),
            new ParamDefinition("padding", ParamType.Padding, "valid", paddingDescription, choices: paddings),
            new ParamDefinition("dilation", ParamType.Int, "1", "Spacing between kernel elements."),
            new ParamDefinition("bias", ParamType.Bool, "true", "Whether to learn a bias."),
            SharedParameters.Activation);
}
