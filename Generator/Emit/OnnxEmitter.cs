using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>
/// Writes <c>ToOnnx</c> and <c>ExportOnnx</c>: the ONNX graph of the model built with <c>OnnxGraphBuilder</c>, one builder
/// call per forward step and in the same order, so layouts (channels-first for Conv1d), masking of padded steps and
/// length bookkeeping follow <see cref="LayerEmitter"/> exactly. The graph is the eval-mode forward: dropout is left
/// out and batch normalisation uses its running statistics.
/// </summary>
internal static class OnnxEmitter
{
    private static readonly CodeDialect D = CodeDialect.Onnx;

    private const int Column = 56;

    private static readonly string HeadMethod = GeneratedNames.Private("HeadToOnnx");

    /// <summary>The locals ToOnnx declares itself; a layer's result local is drawn around them.</summary>
    private static readonly string[] FixedLocals = ["onnx", "x", "lengths", "h", "c", "step", "outputs", "t", "decoded"];

    public static void WriteExport(SourceWriter w, ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        bool acceptsLengths = plan.AcceptsLengths;
        string input = spec.Input.Name;
        string output = ModuleEmitter.OutputName(spec);
        string inShape = ModuleEmitter.Shape(spec.Input.Shape, "batch");
        string outShape = ModuleEmitter.Shape(plan.OutputShape, "batch");
        string axes = acceptsLengths ? "batch and time axes are" : "batch axis is";
        string builder = TypeNames.OnnxGraphBuilder;
        string keys = TypeNames.OnnxMetadataKeys;
        string lengthsParam = "/// <param name=\"withLengths\">Whether the graph has a second input <c>lengths</c>, int64 [batch], the valid length of each padded sequence (as <c>forward(" + input + ", lengths)</c>); without it every step counts.</param>";

        w.Line("/// <summary>Builds the ONNX graph (opset 17) of this model with its current weights, in inference mode: dropout is left out and batch normalisation uses its running statistics.</summary>");
        w.Line($"/// <remarks>Input <c>{input}</c> {CSharpText.Xml(inShape)} ({spec.Input.DType}), output <c>{output}</c> {CSharpText.Xml(outShape)}; the {axes} dynamic. The metadata holds the model's name, kind{(spec.Labels.Count > 0 ? ", input shape and labels" : " and input shape")}.</remarks>");
        if (acceptsLengths)
        {
            w.Line(lengthsParam);
        }

        w.Line($"/// <returns>The complete graph; <see cref=\"{builder}.Save\"/> writes it, <see cref=\"{builder}.ToBytes\"/> serialises it.</returns>");
        w.Block($"public {builder} ToOnnx({(acceptsLengths ? "bool withLengths = false" : string.Empty)})");
        var locals = new LocalScope(acceptsLengths ? ["withLengths", .. FixedLocals] : FixedLocals);
        w.Line($"var onnx = new {builder}({CSharpText.Literal(spec.Name)});");
        w.Line($"onnx.DocString = {CSharpText.Literal(spec.Description ?? $"{spec.Name}: a {Kind(spec)} model generated from {spec.SourceName}.")};");
        w.Line($"onnx.SetMetadata({keys}.ModelName, {CSharpText.Literal(spec.Name)});");
        w.Line($"onnx.SetMetadata({keys}.ModelKind, {CSharpText.Literal(Kind(spec))});");
        w.Line($"onnx.SetMetadata({keys}.InputShape, {CSharpText.Literal(inShape)});");
        if (OutputKind(plan) is { } outputKind)
        {
            w.Line($"onnx.SetMetadata({keys}.OutputKind, {CSharpText.Literal(outputKind)});");
        }

        if (spec.Labels.Count > 0)
        {
            w.Line($"onnx.SetLabels(new string[] {{ {string.Join(", ", spec.Labels.Select(CSharpText.Literal))} }});");
        }

        string elementType = spec.Input.DType == "int64" ? "Int64" : "Float";
        string inDims = string.Join(", ", new[] { "\"batch\"" }.Concat(spec.Input.Shape.Select(DimLiteral)));
        w.Line($"var x = onnx.AddInput({CSharpText.Literal(input)}, {TypeNames.OnnxElementType}.{elementType}, {inDims});", ModuleEmitter.Shape(spec.Input.Shape, "B"), Column);
        if (acceptsLengths)
        {
            w.Line($"{TypeNames.OnnxValue}? lengths = withLengths ? onnx.AddInput(\"lengths\", {TypeNames.OnnxElementType}.Int64, \"batch\") : null;", "[B]", Column);
        }

        WriteLayers(w, plan, locals);
        if (plan.Decoder is { } decoder)
        {
            WriteDecoder(w, decoder);
        }

        string outDims = string.Join(", ", new[] { "\"batch\"" }.Concat(plan.OutputShape.Select(DimLiteral)));
        w.Line($"onnx.AddOutput(x, {CSharpText.Literal(output)}, {TypeNames.OnnxElementType}.Float, new {TypeNames.OnnxDim}[] {{ {outDims} }});", ModuleEmitter.Shape(plan.OutputShape, "B"), Column);
        w.Line("return onnx;");
        w.Close();
        w.Line();

        w.Line("/// <summary>Writes the ONNX model (see <see cref=\"ToOnnx\"/>) to a file, replacing it atomically.</summary>");
        w.Line("/// <param name=\"path\">The <c>.onnx</c> file.</param>");
        if (acceptsLengths)
        {
            w.Line(lengthsParam);
            w.Line("public void ExportOnnx(string path, bool withLengths = false) => ToOnnx(withLengths).Save(path);");
        }
        else
        {
            w.Line("public void ExportOnnx(string path) => ToOnnx().Save(path);");
        }

        w.Line();

        if (plan.Decoder is { } d)
        {
            w.Block($"private {TypeNames.OnnxValue} {HeadMethod}({builder} onnx, {TypeNames.OnnxValue} x)");
            var state = new ForwardState { Batch = "B, t", HasLengths = false, Locals = new LocalScope("onnx", "x") };
            foreach (LayerPlan layer in d.Head)
            {
                Write(w, layer, state);
            }

            w.Line("return x;");
            w.Close();
            w.Line();
        }
    }

    private static void WriteLayers(SourceWriter w, ModelPlan plan, LocalScope locals)
    {
        var state = new ForwardState { HasLengths = plan.AcceptsLengths, Locals = locals };
        IReadOnlyList<Dim> current = plan.Spec.Input.Shape.ToList();
        foreach (LayerPlan layer in plan.Layers)
        {
            Write(w, layer, state);
            current = layer.OutShape.ToList();
        }

        if (current.Count == 2 && state.ChannelsFirst)
        {
            state.ChannelsFirst = false;
            w.Line("x = onnx.Transpose(x, 0, 2, 1);", ModuleEmitter.Shape(current, state.Batch), Column);
        }
    }

    private static void WriteDecoder(SourceWriter w, DecoderPlan d)
    {
        string layers = Invariant.Of(d.NumLayers);
        string steps = Invariant.Of(d.Steps);
        string features = Invariant.Of(d.OutFeatures);
        string units = d.Units.Text;
        w.Line($"// The decoder, unrolled for {steps} steps: each step is fed the previous step's prediction.");
        w.Line($"var h = onnx.Tile(onnx.Unsqueeze(x, 0), {layers}, 1, 1);", $"[{layers}, B, {units}]", Column);
        string call;
        switch (d.Cell)
        {
            case "lstm":
                w.Line("var c = onnx.ZerosLike(h);", $"[{layers}, B, {units}]", Column);
                call = $"onnx.Lstm(this.{DecoderEmitter.Field}, step, batchFirst: true, h0: h, c0: c)";
                break;
            case "gru":
                call = $"onnx.Gru(this.{DecoderEmitter.Field}, step, batchFirst: true, h0: h)";
                break;
            default:
                call = $"onnx.Rnn(this.{DecoderEmitter.Field}, step, batchFirst: true, h0: h)";
                break;
        }

        w.Line($"var step = onnx.Zeros(x, 1, {features});", $"[B, 1, {features}]", Column);
        w.Line($"var outputs = new {TypeNames.OnnxValue}[{steps}];");
        w.Line($"for (int t = 0; t < {steps}; t++)");
        w.Open();
        w.Line($"var decoded = {call};", $"[B, 1, {units}]", Column);
        w.Line("h = decoded.Hidden;", $"[{layers}, B, {units}]", Column);
        if (d.Cell == "lstm")
        {
            w.Line("c = decoded.Cell!;", $"[{layers}, B, {units}]", Column);
        }

        w.Line($"step = {HeadMethod}(onnx, decoded.Output);", $"[B, 1, {features}]", Column);
        w.Line("outputs[t] = step;");
        w.Close();
        w.Line();
        w.Line("x = onnx.Concat(1, outputs);", $"[B, {steps}, {features}]", Column);
    }

    private static void Write(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        if (ForwardSteps.TryWriteModuleLayer(w, D, layer, state))
        {
            return;
        }

        switch (layer.Type)
        {
            case "conv1d":
            case "conv2d":
            case "conv3d":
                WriteConv(w, layer, state);
                break;

            case "maxpool":
            case "avgpool":
                WritePool(w, layer, state);
                break;

            case "global_avgpool":
            case "global_maxpool":
                WriteGlobalPool(w, layer, state);
                break;

            case "flatten":
                ForwardSteps.ChannelsLast(w, D, layer.InShape, state);
                ForwardSteps.Emit(w, "x = onnx.Flatten(x, 1);", layer.OutShape, state);
                state.HasLengths = false;
                break;

            case "lstm":
            case "gru":
            case "rnn":
                WriteRecurrent(w, layer, state);
                break;

            case "time_distributed":
                WriteTimeDistributed(w, layer, state);
                break;

            case "repeat_vector":
                ForwardSteps.Emit(w, $"x = onnx.RepeatVector(x, {Invariant.Of(((RepeatVectorSettings)layer.Settings).Repeat)});", layer.OutShape, state);
                state.ChannelsFirst = false;
                break;
        }
    }

    private static void WriteConv(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        var s = (ConvolutionSettings)layer.Settings;
        bool sequence = layer.Type == "conv1d";
        if (sequence)
        {
            ForwardSteps.ChannelsFirst(w, D, layer.InShape, state);
            ForwardSteps.Mask(w, D, state, negativeInfinity: false);
        }

        // The plan's pads, begins then ends: the module's own symmetric padding, or F.pad's asymmetric 'same' padding.
        string pads = string.Join(", ", s.PadLeft.Concat(s.PadRight).Select(Invariant.Of));
        ForwardSteps.Emit(w, $"x = onnx.Conv(this.{GeneratedNames.Field(layer.Name)}, x, new long[] {{ {pads} }});", layer.OutShape, state);
        if (sequence)
        {
            ForwardSteps.Lengths(w, D, s.Kernel[0], s.Stride[0], s.PadLeft[0] + s.PadRight[0], s.Dilation, ceil: false, state);
        }

        ForwardSteps.Activation(w, D, s.Activation, layer.OutShape, state);
        state.Dirty = true;
    }

    private static void WritePool(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        var s = (PoolingSettings)layer.Settings;
        bool sequence = layer.InRank == 2;
        if (sequence)
        {
            ForwardSteps.ChannelsFirst(w, D, layer.InShape, state);
            ForwardSteps.Mask(w, D, state, negativeInfinity: layer.Type == "maxpool");
        }

        string op = layer.Type == "maxpool" ? "MaxPool" : "AveragePool";
        ForwardSteps.Emit(w, $"x = onnx.{op}(this.{GeneratedNames.Field(layer.Name)}, x);", layer.OutShape, state);
        if (sequence)
        {
            ForwardSteps.Lengths(w, D, s.Kernel[0], s.Stride[0], 0, 1, s.CeilMode, state);
        }

        state.Dirty = true;
    }

    private static void WriteGlobalPool(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        bool mean = layer.Type == "global_avgpool";
        int rank = layer.InRank;
        if (rank == 2)
        {
            string timeDim = state.ChannelsFirst ? "2" : "1";
            ForwardSteps.Emit(w, $"x = onnx.{(mean ? "MeanOverTime" : "MaxOverTime")}(x, {LayerEmitter.Lengths(state)}, timeDim: {timeDim});", layer.OutShape, state, forceRank1: true);
        }
        else
        {
            string axes = string.Join(", ", Enumerable.Range(2, rank - 1).Select(a => Invariant.Of(a)));
            ForwardSteps.Emit(w, $"x = onnx.{(mean ? "ReduceMean" : "ReduceMax")}(x, new long[] {{ {axes} }});", layer.OutShape, state);
        }

        state.ChannelsFirst = false;
        state.HasLengths = false;
    }

    private static void WriteRecurrent(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        var s = (RecurrentSettings)layer.Settings;
        ForwardSteps.ChannelsLast(w, D, layer.InShape, state);
        string lengths = state.HasLengths ? ", lengths: onnx.PackedLengths(x, lengths)" : string.Empty;
        string field = GeneratedNames.Field(layer.Name);
        string call = layer.Type switch
        {
            "lstm" => $"onnx.Lstm(this.{field}, x, batchFirst: true{lengths})",
            "gru" => $"onnx.Gru(this.{field}, x, batchFirst: true{lengths})",
            _ => $"onnx.Rnn(this.{field}, x, batchFirst: true, nonLinearity: {TypeNames.Nn}.NonLinearities.{(s.Nonlinearity == "relu" ? "ReLU" : "Tanh")}{lengths})",
        };
        if (s.ReturnSequences)
        {
            ForwardSteps.Emit(w, $"x = {call}.Output;", layer.OutShape, state);
            state.Dirty = false;
        }
        else
        {
            string result = state.Locals.Declare(layer.Name + "_result");
            long states = s.NumLayers * (s.Bidirectional ? 2 : 1);
            w.Line($"var {result} = {call};", $"h_n [{Invariant.Of(states)}, {state.Batch}, {s.Units.Text}]", Column);
            ForwardSteps.Emit(w, $"x = onnx.TopLayerState({result}.Hidden, bidirectional: {(s.Bidirectional ? "true" : "false")});", layer.OutShape, state);
            state.HasLengths = false;
        }
    }

    private static void WriteTimeDistributed(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        LayerPlan inner = layer.Inner!;
        ForwardSteps.ChannelsLast(w, D, layer.InShape, state);
        if (LayerEmitter.ActsOnLastAxis(layer))
        {
            var stepState = new ForwardState { Batch = state.Batch + ", " + layer.InShape[0].Text, ChannelsFirst = false, HasLengths = false, Locals = state.Locals };
            Write(w, inner, stepState);
            state.Dirty = true;
            return;
        }

        string steps = state.Locals.Declare("steps" + Invariant.Of(state.Temporaries++));
        w.Line($"var {steps} = onnx.Shape(x, 0, 2);", $"[B, {layer.InShape[0].Text}] as a shape", Column);
        var folded = new ForwardState { Batch = "B*" + layer.InShape[0].Text, HasLengths = false, Locals = state.Locals };
        ForwardSteps.Emit(w, "x = onnx.FoldTime(x);", inner.InShape, folded);
        Write(w, inner, folded);
        if (inner.OutShape.Count == 2 && folded.ChannelsFirst)
        {
            folded.ChannelsFirst = false;
            ForwardSteps.Emit(w, "x = onnx.Transpose(x, 0, 2, 1);", inner.OutShape, folded);
        }

        ForwardSteps.Emit(w, $"x = onnx.UnfoldTime(x, {steps});", layer.OutShape, state);
        state.Dirty = true;
    }

    /// <summary>An <c>OnnxDim</c> initializer: the symbol of a dynamic axis, the options expression of a size that depends on them, or the size.</summary>
    private static string DimLiteral(Dim d) =>
        d.IsDynamic ? CSharpText.Literal(d.Text) : d.CodeWith("this.Options");

    private static string Kind(ModelSpec spec) => spec.Kind.ToString().ToLowerInvariant();

    /// <summary>What the output holds when the last layer ends in softmax or log_softmax; null for logits or values.</summary>
    private static string? OutputKind(ModelPlan plan)
    {
        if (plan.Decoder is not null || plan.Layers.Count == 0)
        {
            return null;
        }

        LayerPlan last = plan.Layers[plan.Layers.Count - 1];
        return (last.Inner ?? last).Settings.Activation switch
        {
            "softmax" => "probabilities",
            "log_softmax" => "log_probabilities",
            _ => null,
        };
    }
}
