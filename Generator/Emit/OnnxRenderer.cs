using System.Collections.Generic;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>Writes forward steps as <c>OnnxGraphBuilder</c> calls: the graph of <c>ToOnnx</c>, op for op the module's forward.</summary>
internal sealed class OnnxRenderer : ForwardRenderer
{
    protected override string Transpose => "x = onnx.Transpose(x, 0, 2, 1);";

    protected override string WindowLengths => "lengths = onnx.WindowLengths";

    protected override string Mask(string timeDim, bool negativeInfinity) => negativeInfinity
        ? $"x = onnx.MaskTime(x, lengths, timeDim: {timeDim}, value: float.NegativeInfinity);"
        : $"x = onnx.MaskTime(x, lengths, timeDim: {timeDim});";

    protected override string Activation(string fn, string feature) => fn switch
    {
        "relu" => "x = onnx.Relu(x);",
        "tanh" => "x = onnx.Tanh(x);",
        "sigmoid" => "x = onnx.Sigmoid(x);",
        "gelu" => "x = onnx.Gelu(x);",
        "softmax" => $"x = onnx.Softmax(x, {feature});",
        "log_softmax" => $"x = onnx.LogSoftmax(x, {feature});",
        "leaky_relu" => "x = onnx.LeakyRelu(x, 0.01);",
        "elu" => "x = onnx.Elu(x);",
        _ => "x = onnx.Silu(x);",
    };

    protected override string AddShortcut(AddShortcutStep step, string shortcut) => $"x = onnx.Add(x, {ResidualFamily.OnnxShortcut(step, shortcut)});";

    protected override void WriteLayer(StepWriter w, LayerFamily family, LayerStep step) => family.WriteOnnx(w, step);

    protected override IReadOnlyList<string> FoldTime(StepWriter w, FoldTimeStep step)
    {
        string steps = w.Locals.Declare("steps" + Invariant.Of(step.Index));
        w.Line($"var {steps} = onnx.Shape(x, 0, 2);", $"[B, {step.Time}] as a shape");
        w.Line("x = onnx.FoldTime(x);", step.Comment);
        return [steps];
    }

    protected override void UnfoldTime(StepWriter w, UnfoldTimeStep step, IReadOnlyList<string> locals) =>
        w.Line($"x = onnx.UnfoldTime(x, {locals[0]});", step.Comment);
}
