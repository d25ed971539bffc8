using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>
/// The steps both emitters write the same way, in either <see cref="CodeDialect"/>: layout transposes, masking of
/// padded steps, length updates, activations, and the shape comment on every line.
/// </summary>
internal static class ForwardSteps
{
    private const int Column = 56;

    /// <summary>
    /// Writes the layers that are one submodule call plus layout and masking bookkeeping (dense, dropout, activation,
    /// batchnorm, layernorm, embedding); returns false for the others, which each emitter writes itself.
    /// </summary>
    public static bool TryWriteModuleLayer(SourceWriter w, CodeDialect dialect, LayerPlan layer, ForwardState state)
    {
        switch (layer.Type)
        {
            case "dense":
            case "dropout":
                Emit(w, dialect.CallModule(layer.Type, GeneratedNames.Field(layer.Name)), layer.OutShape, state);
                Activation(w, dialect, layer.Settings.Activation, layer.OutShape, state);
                return true;

            case "activation":
                Activation(w, dialect, layer.Settings.Activation, layer.OutShape, state);
                return true;

            case "batchnorm":
                if (layer.InRank == 2)
                {
                    ChannelsFirst(w, dialect, layer.InShape, state);
                }

                Emit(w, dialect.CallModule(layer.Type, GeneratedNames.Field(layer.Name)), layer.OutShape, state);
                state.Dirty = true;
                return true;

            case "layernorm":
                ChannelsLast(w, dialect, layer.InShape, state);
                Emit(w, dialect.CallModule(layer.Type, GeneratedNames.Field(layer.Name)), layer.OutShape, state);
                state.Dirty = true;
                return true;

            case "embedding":
                Emit(w, dialect.CallModule(layer.Type, GeneratedNames.Field(layer.Name)), layer.OutShape, state);
                state.Dirty = true;
                return true;

            default:
                return false;
        }
    }

    public static void Activation(SourceWriter w, CodeDialect dialect, string? fn, IEnumerable<Dim> shape, ForwardState state)
    {
        if (fn is null)
        {
            return;
        }

        Dim[] dims = shape.ToArray();
        string feature = dims.Length switch
        {
            1 => "-1",
            2 => state.ChannelsFirst ? "1" : "-1",
            _ => "1",
        };
        Emit(w, dialect.Activation(fn, feature), dims, state);
        if (fn is not ("relu" or "leaky_relu" or "elu" or "silu" or "gelu" or "tanh"))
        {
            // Zero stays zero only through these; anything else leaves padded steps non-zero.
            state.Dirty = true;
        }
    }

    public static void Lengths(SourceWriter w, CodeDialect dialect, long kernel, long stride, long padding, long dilation, bool ceil, ForwardState state)
    {
        long effective = (dilation * (kernel - 1)) + 1;
        bool unchanged = stride == 1 && padding == effective - 1;
        if (!state.HasLengths || unchanged)
        {
            return;
        }

        string extra = (dilation != 1 ? $", dilation: {Invariant.Of(dilation)}" : string.Empty) + (ceil ? ", ceilMode: true" : string.Empty);
        w.Line($"{dialect.WindowLengths}(lengths, kernel: {Invariant.Of(kernel)}, stride: {Invariant.Of(stride)}, padding: {Invariant.Of(padding)}{extra});");
    }

    public static void Mask(SourceWriter w, CodeDialect dialect, ForwardState state, bool negativeInfinity)
    {
        if (!state.HasLengths || !(state.Dirty || negativeInfinity))
        {
            return;
        }

        // Padded steps must look like the zero padding an unpadded sequence gets, or -inf for max pooling.
        w.Line(dialect.Mask(state.ChannelsFirst ? "2" : "1", negativeInfinity));
        state.Dirty = negativeInfinity;
    }

    public static void ChannelsFirst(SourceWriter w, CodeDialect dialect, IReadOnlyList<Dim> shape, ForwardState state)
    {
        if (shape.Count == 2 && !state.ChannelsFirst)
        {
            state.ChannelsFirst = true;
            Emit(w, dialect.Transpose, shape, state);
        }
    }

    public static void ChannelsLast(SourceWriter w, CodeDialect dialect, IReadOnlyList<Dim> shape, ForwardState state)
    {
        if (shape.Count == 2 && state.ChannelsFirst)
        {
            state.ChannelsFirst = false;
            Emit(w, dialect.Transpose, shape, state);
        }
    }

    /// <summary>Writes <paramref name="code"/> with the tensor's physical shape as a comment ([B, C, T] while channels-first).</summary>
    public static void Emit(SourceWriter w, string code, IEnumerable<Dim> shape, ForwardState state, bool forceRank1 = false)
    {
        Dim[] dims = shape.ToArray();
        if (forceRank1 && dims.Length == 1)
        {
            state.ChannelsFirst = false;
        }

        IEnumerable<string> physical = dims.Length == 2 && state.ChannelsFirst
            ? [dims[1].Text, dims[0].Text]
            : dims.Select(d => d.Text);
        w.Line(code, "[" + string.Join(", ", new[] { state.Batch }.Concat(physical)) + "]", Column);
    }
}
