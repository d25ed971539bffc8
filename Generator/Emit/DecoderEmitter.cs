using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>Writes the encoder, teacher-forced training forward and step-by-step decoding of a model with a <c>decoder:</c>.</summary>
internal static class DecoderEmitter
{
    private const int Column = 56;

    private static readonly string Encode = ModelText.Encode;

    private static readonly string Decode = ModelText.Decode;

    private static readonly string Head = GeneratedNames.Private("Head");

    private static readonly string Field = ModelText.DecoderField;

    public static void WriteEncode(SourceWriter w, ModelPlan plan, ForwardPlan forward)
    {
        ModelSpec spec = plan.Spec;
        DecoderPlan d = plan.Decoder!;
        string input = spec.Input.Name;
        string target = ModelText.OutputName(spec);
        string outShape = CSharpText.Xml(ModelText.Shape(plan.OutputShape, "B"));

        w.Line("/// <summary>Training forward with teacher forcing: decoder step t is fed the true value of step t - 1.</summary>");
        w.Line($"/// <param name=\"{input}\">{CSharpText.Xml(ModelText.Shape(spec.Input.Shape, "B"))}.</param>");
        w.Line($"/// <param name=\"{target}\">The true output {outShape}.</param>");
        w.Line("/// <param name=\"lengths\">Valid length of each input sequence, int64 [B]; null when nothing is padded.</param>");
        w.Line($"/// <returns>Predictions {outShape}.</returns>");
        w.Line($"public {TypeNames.Tensor} forward_teacher_forced({TypeNames.Tensor} {input}, {TypeNames.Tensor} {target}, {TypeNames.Tensor}? lengths = null) => {Decode}({Encode}({input}, lengths), {target});");
        w.Line();
        w.Line($"{TypeNames.Tensor} {TypeNames.ITeacherForcedModel}.forward({TypeNames.Tensor} input, {TypeNames.Tensor} target) => forward_teacher_forced(input, target);");
        w.Line();

        w.Line($"/// <summary>Runs the encoder layers: the state the decoder starts from, [B, {CSharpText.Xml(d.Units.Text)}].</summary>");
        w.Block($"private {TypeNames.Tensor} {Encode}({TypeNames.Tensor} input, {TypeNames.Tensor}? lengths)");
        TorchSharpRenderer.WriteBody(w, spec, forward.Layers, "input", new LocalScope("input", GeneratedNames.Lengths));
        w.Line("return x;");
        w.Close();
        w.Line();

        string units = d.Units.Text;
        string steps = Invariant.Of(d.Steps);
        string features = Invariant.Of(d.OutFeatures);
        bool lstm = d.Cell == "lstm";
        w.Block($"private {TypeNames.Tensor} {Decode}({TypeNames.Tensor} state, {TypeNames.Tensor}? target)");
        w.Line($"var h = state.unsqueeze(0).repeat({Invariant.Of(d.NumLayers)}, 1, 1);", $"[{Invariant.Of(d.NumLayers)}, B, {units}]", Column);
        if (lstm)
        {
            w.Line($"var c = {TypeNames.Torch}.zeros_like(h);", $"[{Invariant.Of(d.NumLayers)}, B, {units}]", Column);
        }

        w.Line($"var start = {TypeNames.Torch}.zeros(new long[] {{ state.shape[0], 1, {features} }}, dtype: state.dtype, device: state.device);", $"[B, 1, {features}]", Column);
        string wide = d.Condition ? $"{features} + {units}" : features;
        if (d.Condition)
        {
            w.Line("var condition = state.unsqueeze(1);", $"[B, 1, {units}]", Column);
        }

        w.Line("if (target is not null)");
        w.Open();
        w.Line($"var inputs = {TypeNames.Torch}.cat(new[] {{ start, target.narrow(1, 0, {Invariant.Of(d.Steps - 1)}) }}, 1);", $"[B, {steps}, {features}]", Column);
        if (d.Condition)
        {
            w.Line($"inputs = {TypeNames.Torch}.cat(new[] {{ inputs, condition.expand(-1, {steps}, -1) }}, 2);", $"[B, {steps}, {wide}]", Column);
        }

        w.Line(lstm ? $"var (y, _, _) = {TypeNames.RecurrentOps}.Call({Field}, inputs, (h, c));" : $"var (y, _) = {Field}.call(inputs, h);", $"[B, {steps}, {units}]", Column);
        w.Line($"return {Head}(y);", $"[B, {steps}, {features}]", Column);
        w.Close();
        w.Line();
        w.Line("var step = start;");
        w.Line($"var outputs = new {TypeNames.List}<{TypeNames.Tensor}>({steps});");
        w.Line($"for (int t = 0; t < {steps}; t++)");
        w.Open();
        string stepInput = "step";
        if (d.Condition)
        {
            w.Line($"var input = {TypeNames.Torch}.cat(new[] {{ step, condition }}, 2);", $"[B, 1, {wide}]", Column);
            stepInput = "input";
        }

        w.Line(lstm ? $"(var y, h, c) = {TypeNames.RecurrentOps}.Call({Field}, {stepInput}, (h, c));" : $"(var y, h) = {Field}.call({stepInput}, h);", $"[B, 1, {units}]", Column);
        w.Line($"step = {Head}(y);", $"[B, 1, {features}]", Column);
        w.Line("outputs.Add(step);");
        w.Close();
        w.Line();
        w.Line($"return {TypeNames.Torch}.cat(outputs, 1);", $"[B, {steps}, {features}]", Column);
        w.Close();
        w.Line();

        w.Block($"private {TypeNames.Tensor} {Head}({TypeNames.Tensor} x)");
        ForwardRenderer.TorchSharp.Render(w, new LocalScope("x"), forward.Head);

        w.Line("return x;");
        w.Close();
        w.Line();
    }
}
