using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Shapes;

/// <summary>
/// Walks a spec's layers from the input shape, resolving every size the user left out (in-features,
/// in-channels), computing each output shape and parameter count, and reporting architecture mistakes. One pass,
/// linear in the number of layers. All arithmetic is checked: a size or count that overflows a 64-bit integer is
/// QD0112 on the layer that computes it, never a wrapped number.
/// </summary>
internal sealed class ShapeInference
{
    private readonly ModelSpec spec;
    private readonly InferenceContext context;

    private ShapeInference(ModelSpec spec)
    {
        this.spec = spec;
        context = new InferenceContext(spec);
    }

    private bool Failed => context.Failed;

    public static Result<ModelPlan> Infer(ModelSpec spec)
    {
        var inference = new ShapeInference(spec);
        ModelPlan? plan = inference.Run();
        // Stryker disable once Conditional : every path of Run that sets failed returns null; the condition keeps it so if one ever does not
        return new Result<ModelPlan>(inference.Failed ? null : plan, inference.context.Diagnostics);
    }

    private ModelPlan? Run()
    {
        if (spec.Layers.Count == 0)
        {
            Report(DiagnosticDescriptors.EmptyLayers, spec.NameLocation, spec.Name);
            return null;
        }

        EquatableArray<Dim> inputShape = spec.Input.Shape;
        CheckInput(inputShape);
        if (Failed)
        {
            return null;
        }

        // Whether a recurrent layer comes anywhere after layer i (the default of return_sequences), computed once from the end;
        // one at the top of a residual block counts, as the block runs it on the sequence it gets.
        bool[] recurrentAfter = new bool[spec.Layers.Count];
        for (int i = spec.Layers.Count - 2; i >= 0; i--)
        {
            LayerSpec next = spec.Layers[i + 1];
            recurrentAfter[i] = recurrentAfter[i + 1] || LayerCatalog.IsRecurrent(next.Type) || next.Block.Any(b => LayerCatalog.IsRecurrent(b.Type));
        }

        List<Dim> shape = inputShape.ToList();
        var plans = new List<LayerPlan>();
        for (int i = 0; i < spec.Layers.Count && !Failed; i++)
        {
            LayerSpec layer = spec.Layers[i];
            LayerPlan? plan = Checked(layer, () => context.InferLayer(layer, shape, new LayerPosition(IsFirst: i == 0, recurrentAfter[i], plans)));
            if (plan is null)
            {
                break;
            }

            plans.Add(plan);
            shape = plan.OutShape.ToList();
        }

        if (Failed)
        {
            return null;
        }

        DecoderPlan? decoder = null;
        if (spec.Decoder is { } decoderSpec)
        {
            decoder = Checked(decoderSpec.Location, "the decoder", () => InferDecoder(decoderSpec, shape));
            if (decoder is null)
            {
                return null;
            }

            shape = [Dim.Fixed(decoder.Steps), Dim.Fixed(decoder.OutFeatures)];
        }

        CheckKindAndOutput(shape, plans, decoder);
        if (Failed)
        {
            return null;
        }

        long total = decoder?.Parameters ?? 0;
        try
        {
            foreach (LayerPlan plan in plans)
            {
                total = checked(total + plan.Parameters);
            }
        }
        catch (OverflowException)
        {
            Report(DiagnosticDescriptors.SizeOutOfRange, spec.NameLocation, $"Model '{spec.Name}'", "the total parameter count", Invariant.Grouped(long.MaxValue));
            return null;
        }

        return new ModelPlan(spec, plans.ToEquatableArray(), decoder, shape.ToEquatableArray(), total);
    }

    private T? Checked<T>(LayerSpec layer, Func<T?> infer)
        where T : class =>
        Checked(layer.Location, $"Layer '{layer.Name}' ({layer.Type})", infer);

    /// <summary>Runs one step of inference; an overflow in its arithmetic becomes QD0112 at <paramref name="location"/>.</summary>
    private T? Checked<T>(LocationInfo? location, string what, Func<T?> infer)
        where T : class
    {
        try
        {
            return infer();
        }
        catch (OverflowException)
        {
            Report(DiagnosticDescriptors.SizeOutOfRange, location, what, "a size or parameter count", Invariant.Grouped(long.MaxValue));
            return null;
        }
    }

    private void CheckInput(EquatableArray<Dim> shape)
    {
        for (int i = 1; i < shape.Count; i++)
        {
            if (shape[i].IsDynamic)
            {
                Report(DiagnosticDescriptors.InvalidValue, spec.Input.ShapeLocation, "input.shape", shape[i].Text, "only the first axis (time) may be dynamic; give the other axes fixed sizes");
                return;
            }
        }

        if (shape[0].IsDynamic && shape.Count > 2 && spec.Layers[0].Type != "time_distributed")
        {
            Report(DiagnosticDescriptors.InvalidValue, spec.Input.ShapeLocation, "input.shape", "[" + string.Join(", ", shape.Select(d => d.Text)) + "]",
                "a dynamic first axis means a sequence; a sequence of images or clips must start with time_distributed");
        }
    }

    private DecoderPlan? InferDecoder(DecoderSpec decoder, List<Dim> encoded)
    {
        if (spec.Kind is not (ModelKind.Seq2Seq or ModelKind.Vec2Seq))
        {
            Report(DiagnosticDescriptors.KindMismatch, decoder.Location, KindName(spec.Kind), "cannot have a decoder; use kind: seq2seq (encoder–decoder) or vec2seq");
            return null;
        }

        // Stryker disable once all : the parser requires decoder.cell (QD0003) before shape inference runs
        string cell = decoder.Find("cell")?.Value.Text ?? "gru";
        LayerParam? unitsParam = decoder.Find("units");
        // Stryker disable once all : the parser requires decoder.units (QD0003) before shape inference runs
        if (unitsParam is null)
        {
            context.Fail();
            return null;
        }

        Dim units = unitsParam.Value.OptionRef is { } opt
            ? Dim.Option(unitsParam.Value.Int, GeneratedNames.OptionProperty(opt))
            : Dim.Fixed(unitsParam.Value.Int);
        long numLayers = decoder.Find("num_layers")?.Value.Int ?? 1;
        if (encoded.Count != 1 || encoded[0].Size != units.Size)
        {
            string what = encoded.Count == 1 ? Invariant.Of(encoded[0].Size) : Show(encoded);
            // A sequence cannot be fixed by changing the decoder's width: the encoder has to end in a vector.
            string fix = encoded.Count == 1
                ? $"end the encoder with 'dense: {{ units: {Invariant.Of(units.Size)} }}' or set decoder.units to {what}"
                : $"end the encoder with a vector of {Invariant.Of(units.Size)} features: 'return_sequences: false' on its last recurrent layer, or a global_maxpool / global_avgpool layer";
            Report(DiagnosticDescriptors.DecoderState, decoder.Location, cell, Invariant.Of(units.Size), what, fix);
            return null;
        }

        long steps = decoder.Find("steps")?.Value.Int ?? (spec.Output is { } o && o.Shape.Count >= 1 && !o.Shape[0].IsDynamic ? o.Shape[0].Size : 0);
        if (steps <= 0)
        {
            Report(DiagnosticDescriptors.MissingOutputLength, decoder.Location, spec.Name);
            return null;
        }

        List<Dim> shape = [units];
        var head = new List<LayerPlan>();
        foreach (LayerSpec layer in decoder.Head)
        {
            if (!LayerCatalog.Family(layer.Type).ActsOnLastAxis)
            {
                Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type + " in decoder.head", "dense, activation, dropout or layernorm", "one decoder step");
                return null;
            }

            // Stryker disable once Boolean : IsFirst matters only to embedding and RecurrentFollows only to recurrent layers, neither allowed in a head
            LayerPlan? plan = context.InferLayer(layer, shape, new LayerPosition(IsFirst: false, RecurrentFollows: false, head));
            if (plan is null)
            {
                return null;
            }

            head.Add(plan);
            shape = plan.OutShape.ToList();
        }

        long outFeatures = shape[0].Size;
        bool condition = decoder.Find("condition")?.Value.Bool ?? false;
        long gates = RecurrentFamily.Gates(cell);
        long parameters = 0;
        for (long l = 0; l < numLayers; l++)
        {
            // A conditioned decoder's first layer reads the previous step's output and the encoder's vector side by side.
            long input = l == 0 ? (condition ? outFeatures + units.Size : outFeatures) : units.Size;
            parameters += gates * units.Size * (input + units.Size + 2);
        }

        foreach (LayerPlan plan in head)
        {
            // Stryker disable once Checked : the project compiles with CheckForOverflowUnderflow; checked() states the intent
            parameters = checked(parameters + plan.Parameters);
        }

        return new DecoderPlan(cell, units, numLayers, steps, outFeatures, condition, parameters, head.ToEquatableArray(), decoder.Location);
    }

    private void CheckKindAndOutput(List<Dim> shape, List<LayerPlan> layers, DecoderPlan? decoder)
    {
        EquatableArray<Dim> input = spec.Input.Shape;
        bool sequenceInput = input.Count == 2 || (input.Count == 1 && spec.Input.DType == "int64") || (input.Count >= 2 && input[0].IsDynamic);
        switch (spec.Kind)
        {
            case ModelKind.Seq2Vec:
                if (!sequenceInput)
                {
                    Report(DiagnosticDescriptors.KindMismatch, spec.Input.ShapeLocation, "seq2vec", "takes a sequence [time, features]; input.shape is " + Show(input.ToList()));
                    return;
                }

                if (shape.Count != 1)
                {
                    LayerPlan? lastRecurrent = layers.LastOrDefault(p => LayerCatalog.IsRecurrent(p.Type));
                    string fix = lastRecurrent is { Settings: RecurrentSettings { ReturnSequences: true } }
                        ? $"; set return_sequences: false on '{lastRecurrent.Name}' (the default for the last recurrent layer) or add global_avgpool"
                        : "; end with a recurrent layer, global_avgpool or flatten";
                    Report(DiagnosticDescriptors.Seq2VecOutput, layers.Last().Location, Show(shape), fix);
                }

                break;
            case ModelKind.Seq2Seq:
                if (!sequenceInput)
                {
                    Report(DiagnosticDescriptors.KindMismatch, spec.Input.ShapeLocation, "seq2seq", "takes a sequence [time, features]; input.shape is " + Show(input.ToList()));
                    return;
                }

                if (shape.Count < 2)
                {
                    Report(DiagnosticDescriptors.KindMismatch, layers.Last().Location, "seq2seq", "must output a sequence, but the last layer outputs " + Show(shape) + "; keep the time axis (time_distributed dense) or add a decoder: section");
                }

                break;
            case ModelKind.Vec2Seq:
                if (input.Count != 1)
                {
                    Report(DiagnosticDescriptors.KindMismatch, spec.Input.ShapeLocation, "vec2seq", "takes a vector [features]; input.shape is " + Show(input.ToList()));
                    return;
                }

                if (decoder is null && !layers.Any(l => l.Type == "repeat_vector"))
                {
                    if (spec.Output is null || spec.Output.Shape.Count < 2 || spec.Output.Shape[0].IsDynamic)
                    {
                        Report(DiagnosticDescriptors.MissingOutputLength, spec.NameLocation, spec.Name);
                        return;
                    }

                    Report(DiagnosticDescriptors.KindMismatch, layers[0].Location, "vec2seq", "turns its vector into a sequence with repeat_vector (or a decoder: section); add '- repeat_vector: {}' before the first recurrent layer");
                    return;
                }

                break;
        }

        if (Failed || spec.Output is null)
        {
            return;
        }

        EquatableArray<Dim> declared = spec.Output.Shape;
        bool match = declared.Count == shape.Count;
        for (int i = 0; match && i < shape.Count; i++)
        {
            match = declared[i].IsDynamic == shape[i].IsDynamic && (declared[i].IsDynamic ? declared[i].Text == shape[i].Text : declared[i].Size == shape[i].Size);
        }

        if (!match)
        {
            Report(DiagnosticDescriptors.OutputMismatch, spec.Output.ShapeLocation, Show(shape), Show(declared.ToList()));
        }
    }

    private static string KindName(ModelKind kind) => kind.ToString().ToLowerInvariant();

    private static string Show(IReadOnlyList<Dim> shape) => InferenceContext.Show(shape);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args) =>
        context.Report(descriptor, location, args);
}
