using System.Collections.Generic;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>
/// Writes a list of <see cref="ForwardStep"/>s in one backend's calls: TorchSharp tensor calls for the module's
/// <c>forward</c>, or graph-builder calls for its ONNX export. A layer's own step is written by its family.
/// </summary>
internal abstract class ForwardRenderer
{
    public static ForwardRenderer TorchSharp { get; } = new TorchSharpRenderer();

    public static ForwardRenderer Onnx { get; } = new OnnxRenderer();

    /// <summary>Writes <paramref name="steps"/> on <c>x</c> (and <c>lengths</c>), declaring temporaries in <paramref name="locals"/>.</summary>
    public void Render(SourceWriter w, LocalScope locals, IEnumerable<ForwardStep> steps)
    {
        var writer = new StepWriter(w, locals);
        var folds = new Dictionary<int, IReadOnlyList<string>>();
        var shortcuts = new Dictionary<int, string>();
        foreach (ForwardStep step in steps)
        {
            switch (step)
            {
                case TransposeStep t:
                    writer.Line(Transpose, t.Comment);
                    break;
                case MaskStep m:
                    writer.Line(Mask(m.TimeDim, m.NegativeInfinity));
                    break;
                case WindowLengthsStep l:
                    string extra = (l.Dilation != 1 ? $", dilation: {Invariant.Of(l.Dilation)}" : string.Empty) + (l.Ceil ? ", ceilMode: true" : string.Empty);
                    writer.Line($"{WindowLengths}(lengths, kernel: {Invariant.Of(l.Kernel)}, stride: {Invariant.Of(l.Stride)}, padding: {Invariant.Of(l.Padding)}{extra});");
                    break;
                case ActivationStep a:
                    writer.Line(Activation(a.Function, a.FeatureAxis), a.Comment);
                    break;
                case LayerStep l:
                    WriteLayer(writer, LayerCatalog.Family(l.Layer.Type), l);
                    break;
                case FoldTimeStep f:
                    folds[f.Index] = FoldTime(writer, f);
                    break;
                case UnfoldTimeStep u:
                    UnfoldTime(writer, u, folds[u.Index]);
                    break;
                case ShortcutStep s:
                    string shortcut = writer.Locals.Declare("shortcut" + Invariant.Of(s.Index));
                    writer.Line($"var {shortcut} = x;", s.Comment);
                    shortcuts[s.Index] = shortcut;
                    break;
                case AddShortcutStep a:
                    writer.Line(AddShortcut(a, shortcuts[a.Index]), a.Comment);
                    break;
            }
        }
    }

    /// <summary>Swaps a sequence between [B, T, C] and [B, C, T].</summary>
    protected abstract string Transpose { get; }

    /// <summary>The call that updates lengths after a window op (its arguments follow).</summary>
    protected abstract string WindowLengths { get; }

    /// <summary>Sets padded steps to zero, or to -inf before max pooling.</summary>
    protected abstract string Mask(string timeDim, bool negativeInfinity);

    /// <summary>Applies an activation; <paramref name="feature"/> is the feature axis for softmax.</summary>
    protected abstract string Activation(string fn, string feature);

    /// <summary>The statement that adds a residual block's shortcut (the local <paramref name="shortcut"/>, or its projection) to x.</summary>
    protected abstract string AddShortcut(AddShortcutStep step, string shortcut);

    protected abstract void WriteLayer(StepWriter w, LayerFamily family, LayerStep step);

    /// <summary>Writes the fold and returns the locals its unfold needs.</summary>
    protected abstract IReadOnlyList<string> FoldTime(StepWriter w, FoldTimeStep step);

    protected abstract void UnfoldTime(StepWriter w, UnfoldTimeStep step, IReadOnlyList<string> locals);
}
