using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>Writes forward steps as TorchSharp tensor calls: the body of the module's <c>forward</c>.</summary>
internal sealed class TorchSharpRenderer : ForwardRenderer
{
    private const int Column = 56;

    /// <summary>
    /// Writes the steps from the input to <c>x</c>. <c>x</c> is the running value: a local holding the input, or the
    /// input parameter itself when the spec names it <c>x</c>.
    /// </summary>
    public static void WriteBody(SourceWriter w, ModelSpec spec, IEnumerable<ForwardStep> steps, string input, LocalScope locals)
    {
        if (input != "x")
        {
            w.Line($"var {locals.Declare("x")} = {input};", ModelText.Shape(spec.Input.Shape, "B"), Column);
        }

        TorchSharp.Render(w, locals, steps);
    }

    protected override string Transpose => "x = x.transpose(1, 2);";

    protected override string WindowLengths => "lengths = " + TypeNames.SequenceOps + ".WindowLengths";

    protected override string Mask(string timeDim, bool negativeInfinity) => negativeInfinity
        ? $"x = {TypeNames.SequenceOps}.MaskTime(x, lengths, timeDim: {timeDim}, value: double.NegativeInfinity);"
        : $"x = {TypeNames.SequenceOps}.MaskTime(x, lengths, timeDim: {timeDim});";

    protected override string Activation(string fn, string feature) => fn switch
    {
        "relu" => "x = x.relu();",
        "tanh" => "x = x.tanh();",
        "sigmoid" => "x = x.sigmoid();",
        "gelu" => $"x = {TypeNames.Functional}.gelu(x);",
        "softmax" => $"x = x.softmax({feature});",
        "log_softmax" => $"x = x.log_softmax({feature});",
        "leaky_relu" => $"x = {TypeNames.Functional}.leaky_relu(x, 0.01);",
        "elu" => $"x = {TypeNames.Functional}.elu(x, 1.0);",
        _ => $"x = {TypeNames.Functional}.silu(x);",
    };

    protected override string AddShortcut(AddShortcutStep step, string shortcut) => $"x = x + {ResidualFamily.TorchSharpShortcut(step, shortcut)};";

    protected override void WriteLayer(StepWriter w, LayerFamily family, LayerStep step) => family.WriteTorchSharp(w, step);

    protected override IReadOnlyList<string> FoldTime(StepWriter w, FoldTimeStep step)
    {
        string b = w.Locals.Declare("batch" + Invariant.Of(step.Index));
        string t = w.Locals.Declare("steps" + Invariant.Of(step.Index));
        w.Line($"long {b} = x.shape[0], {t} = x.shape[1];");
        w.Line("x = x.flatten(0, 1);", step.Comment);
        return [b, t];
    }

    protected override void UnfoldTime(StepWriter w, UnfoldTimeStep step, IReadOnlyList<string> locals)
    {
        string dims = string.Join(", ", step.StepShape.Select(d => d.CodeWith("this.Options")));
        w.Line($"x = x.reshape({locals[0]}, {locals[1]}, {dims});", step.Comment);
    }
}
