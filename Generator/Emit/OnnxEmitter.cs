using System.Linq;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>
/// Writes <c>ToOnnx</c> and <c>ExportOnnx</c>: the ONNX graph of the model built with <c>OnnxGraphBuilder</c>, one builder
/// call per forward step and in the same order, so layouts (channels-first for Conv1d), masking of padded steps and
/// length bookkeeping follow the module's forward exactly (both render one <see cref="ForwardPlan"/>). The graph is the eval-mode forward: dropout is left
/// out and batch normalisation uses its running statistics.
/// </summary>
internal static class OnnxEmitter
{
    private const int Column = 56;

    private static readonly string HeadMethod = GeneratedNames.Private("HeadToOnnx");

    /// <summary>The locals ToOnnx declares itself; a layer's result local is drawn around them.</summary>
    private static readonly string[] FixedLocals = ["onnx", "x", "lengths", "h", "c", "step", "outputs", "t", "decoded", "condition", "input"];

    public static void WriteExport(SourceWriter w, ModelPlan plan, ForwardPlan forward)
    {
        ModelSpec spec = plan.Spec;
        bool acceptsLengths = plan.AcceptsLengths;
        string input = spec.Input.Name;
        string output = ModelText.OutputName(spec);
        string inShape = ModelText.Shape(spec.Input.Shape, "batch");
        string outShape = ModelText.Shape(plan.OutputShape, "batch");
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
        w.Line($"var x = onnx.AddInput({CSharpText.Literal(input)}, {TypeNames.OnnxElementType}.{elementType}, {inDims});", ModelText.Shape(spec.Input.Shape, "B"), Column);
        if (acceptsLengths)
        {
            w.Line($"{TypeNames.OnnxValue}? lengths = withLengths ? onnx.AddInput(\"lengths\", {TypeNames.OnnxElementType}.Int64, \"batch\") : null;", "[B]", Column);
        }

        ForwardRenderer.Onnx.Render(w, locals, forward.Layers);
        if (plan.Decoder is { } decoder)
        {
            WriteDecoder(w, decoder);
        }

        string outDims = string.Join(", ", new[] { "\"batch\"" }.Concat(plan.OutputShape.Select(DimLiteral)));
        w.Line($"onnx.AddOutput(x, {CSharpText.Literal(output)}, {TypeNames.OnnxElementType}.Float, new {TypeNames.OnnxDim}[] {{ {outDims} }});", ModelText.Shape(plan.OutputShape, "B"), Column);
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
            ForwardRenderer.Onnx.Render(w, new LocalScope("onnx", "x"), forward.Head);

            w.Line("return x;");
            w.Close();
            w.Line();
        }
    }

    private static void WriteDecoder(SourceWriter w, DecoderPlan d)
    {
        string layers = Invariant.Of(d.NumLayers);
        string steps = Invariant.Of(d.Steps);
        string features = Invariant.Of(d.OutFeatures);
        string units = d.Units.Text;
        w.Line($"// The decoder, unrolled for {steps} steps: each step is fed the previous step's prediction{(d.Condition ? " and the encoder's vector" : string.Empty)}.");
        w.Line($"var h = onnx.Tile(onnx.Unsqueeze(x, 0), {layers}, 1, 1);", $"[{layers}, B, {units}]", Column);
        // A conditioned decoder reads the previous prediction and the encoder's vector side by side at every step.
        string input = d.Condition ? "input" : "step";
        string call;
        switch (d.Cell)
        {
            case "lstm":
                w.Line("var c = onnx.ZerosLike(h);", $"[{layers}, B, {units}]", Column);
                call = $"onnx.Lstm(this.{ModelText.DecoderField}, {input}, batchFirst: true, h0: h, c0: c)";
                break;
            case "gru":
                call = $"onnx.Gru(this.{ModelText.DecoderField}, {input}, batchFirst: true, h0: h)";
                break;
            default:
                call = $"onnx.Rnn(this.{ModelText.DecoderField}, {input}, batchFirst: true, h0: h)";
                break;
        }

        w.Line($"var step = onnx.Zeros(x, 1, {features});", $"[B, 1, {features}]", Column);
        if (d.Condition)
        {
            w.Line("var condition = onnx.Unsqueeze(x, 1);", $"[B, 1, {units}]", Column);
        }

        w.Line($"var outputs = new {TypeNames.OnnxValue}[{steps}];");
        w.Line($"for (int t = 0; t < {steps}; t++)");
        w.Open();
        if (d.Condition)
        {
            w.Line("var input = onnx.Concat(2, step, condition);", $"[B, 1, {features} + {units}]", Column);
        }

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
