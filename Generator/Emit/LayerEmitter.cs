using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>Writes the lines of <c>forward</c> for one layer, inserting layout transposes and length bookkeeping.</summary>
internal static class LayerEmitter
{
    private const int Column = 56;

    public static void Write(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        LayerSettings s = layer.Settings;
        int rank = layer.InRank;
        switch (layer.Type)
        {
            case "dense":
            case "dropout":
                Emit(w, $"x = {layer.Name}.forward(x);", layer.OutShape, state);
                WriteActivation(w, s.Activation, layer.OutShape, state);
                break;

            case "activation":
                WriteActivation(w, s.Activation, layer.OutShape, state);
                break;

            case "batchnorm":
                if (rank == 2)
                {
                    ChannelsFirst(w, layer.InShape, state);
                }

                Emit(w, $"x = {layer.Name}.forward(x);", layer.OutShape, state);
                state.Dirty = true;
                break;

            case "layernorm":
                ChannelsLast(w, layer.InShape, state);
                Emit(w, $"x = {layer.Name}.forward(x);", layer.OutShape, state);
                state.Dirty = true;
                break;

            case "embedding":
                Emit(w, $"x = {layer.Name}.forward(x);", layer.OutShape, state);
                state.Dirty = true;
                break;

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
            {
                bool mean = layer.Type == "global_avgpool";
                if (rank == 2)
                {
                    string timeDim = state.ChannelsFirst ? "2" : "1";
                    Emit(w, $"x = SequenceOps.{(mean ? "MeanOverTime" : "MaxOverTime")}(x, {Lengths(state)}, timeDim: {timeDim});", layer.OutShape, state, forceRank1: true);
                }
                else
                {
                    string axes = string.Join(", ", Enumerable.Range(2, rank - 1).Select(a => Invariant.Of(a)));
                    Emit(w, $"x = x.{(mean ? "mean" : "amax")}(new long[] {{ {axes} }});", layer.OutShape, state);
                }

                state.ChannelsFirst = false;
                state.HasLengths = false;
                break;
            }

            case "flatten":
                ChannelsLast(w, layer.InShape, state);
                Emit(w, "x = x.flatten(1);", layer.OutShape, state);
                state.HasLengths = false;
                break;

            case "lstm":
            case "gru":
            case "rnn":
                ChannelsLast(w, layer.InShape, state);
                if (s.ReturnSequences)
                {
                    Emit(w, $"x = RecurrentOps.Sequence({layer.Name}, x, {Lengths(state)});", layer.OutShape, state);
                    state.Dirty = false;
                }
                else
                {
                    Emit(w, $"x = RecurrentOps.LastState({layer.Name}, x, {Lengths(state)}, bidirectional: {(s.Bidirectional ? "true" : "false")});", layer.OutShape, state);
                    state.HasLengths = false;
                }

                break;

            case "time_distributed":
                WriteTimeDistributed(w, layer, state);
                break;

            case "repeat_vector":
                Emit(w, $"x = x.unsqueeze(1).repeat(1, {Invariant.Of(s.Repeat)}, 1);", layer.OutShape, state);
                state.ChannelsFirst = false;
                break;
        }
    }

    private static void WriteConv(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        LayerSettings s = layer.Settings;
        bool sequence = layer.Type == "conv1d";
        if (sequence)
        {
            ChannelsFirst(w, layer.InShape, state);
            Mask(w, state, negativeInfinity: false);
        }

        if (!s.SymmetricPadding)
        {
            // PyTorch pads both sides alike; 'same' with an even kernel needs one more on the right (last axis first in F.pad).
            var pads = new List<string>();
            for (int a = s.PadLeft.Count - 1; a >= 0; a--)
            {
                pads.Add(Invariant.Of(s.PadLeft[a]));
                pads.Add(Invariant.Of(s.PadRight[a]));
            }

            w.Line($"x = nn.functional.pad(x, new long[] {{ {string.Join(", ", pads)} }});");
        }

        Emit(w, $"x = {layer.Name}.forward(x);", layer.OutShape, state);
        if (sequence)
        {
            WriteLengths(w, s.Kernel[0], s.Stride[0], s.PadLeft[0] + s.PadRight[0], s.Dilation, ceil: false, state);
        }

        WriteActivation(w, s.Activation, layer.OutShape, state);
        state.Dirty = true;
    }

    private static void WritePool(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        LayerSettings s = layer.Settings;
        bool sequence = layer.InRank == 2;
        if (sequence)
        {
            ChannelsFirst(w, layer.InShape, state);
            Mask(w, state, negativeInfinity: layer.Type == "maxpool");
        }

        Emit(w, $"x = {layer.Name}.forward(x);", layer.OutShape, state);
        if (sequence)
        {
            WriteLengths(w, s.Kernel[0], s.Stride[0], 0, 1, s.CeilMode, state);
        }

        state.Dirty = true;
    }

    private static void WriteTimeDistributed(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        ChannelsLast(w, layer.InShape, state);
        if (ActsOnLastAxis(layer))
        {
            // These act on the last axis, so they already apply to every step of [B, T, F].
            var stepState = new ForwardState { Batch = state.Batch + ", " + layer.InShape[0].Text, ChannelsFirst = false, HasLengths = false };
            Write(w, layer.Inner!, stepState);
            state.Dirty = true;
            return;
        }

        WriteFolded(w, [layer], state);
    }

    /// <summary>
    /// Runs consecutive time_distributed layers on [B*T, ...]: time is folded into the batch once before the run
    /// and unfolded once after it.
    /// </summary>
    public static void WriteFolded(SourceWriter w, IReadOnlyList<LayerPlan> run, ForwardState state)
    {
        ChannelsLast(w, run[0].InShape, state);
        int n = state.Temporaries++;
        string b = "batch" + Invariant.Of(n);
        string t = "steps" + Invariant.Of(n);
        w.Line($"long {b} = x.shape[0], {t} = x.shape[1];");
        var folded = new ForwardState { Batch = "B*" + run[0].InShape[0].Text, HasLengths = false };
        Emit(w, "x = x.flatten(0, 1);", run[0].Inner!.InShape, folded);
        foreach (LayerPlan layer in run)
        {
            Write(w, layer.Inner!, folded);
        }

        LayerPlan last = run[run.Count - 1];
        if (last.Inner!.OutShape.Count == 2 && folded.ChannelsFirst)
        {
            // A Conv1d or pool inside leaves each step channels-first; the reshape below wants [steps, features].
            folded.ChannelsFirst = false;
            Emit(w, "x = x.transpose(1, 2);", last.Inner.OutShape, folded);
        }

        string dims = string.Join(", ", last.Inner.OutShape.Select(d => d.Code));
        Emit(w, $"x = x.reshape({b}, {t}, {dims});", last.OutShape, state);
        state.Dirty = true;
    }

    /// <summary>Whether a time_distributed layer's inner layer acts on the last axis, so it applies to every step of [B, T, F] as it is.</summary>
    internal static bool ActsOnLastAxis(LayerPlan layer) =>
        layer.Inner is { Type: "dense" or "dropout" or "activation" or "layernorm" } && layer.InRank == 2;

    /// <summary>The lengths argument of a time-mixing step: null once lengths no longer describe x's time axis (after a vector and repeat_vector).</summary>
    internal static string Lengths(ForwardState state) => state.HasLengths ? "lengths" : "null";

    private static void WriteActivation(SourceWriter w, string? fn, IEnumerable<Dim> shape, ForwardState state)
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
        string code = fn switch
        {
            "relu" => "x = x.relu();",
            "tanh" => "x = x.tanh();",
            "sigmoid" => "x = x.sigmoid();",
            "gelu" => "x = nn.functional.gelu(x);",
            "softmax" => $"x = x.softmax({feature});",
            "log_softmax" => $"x = x.log_softmax({feature});",
            "leaky_relu" => "x = nn.functional.leaky_relu(x, 0.01);",
            "elu" => "x = nn.functional.elu(x, 1.0);",
            _ => "x = nn.functional.silu(x);",
        };
        Emit(w, code, dims, state);
        if (fn is not ("relu" or "leaky_relu" or "elu" or "silu" or "gelu" or "tanh"))
        {
            state.Dirty = true;
        }
    }

    private static void WriteLengths(SourceWriter w, long kernel, long stride, long padding, long dilation, bool ceil, ForwardState state)
    {
        long effective = (dilation * (kernel - 1)) + 1;
        bool unchanged = stride == 1 && padding == effective - 1;
        if (!state.HasLengths || unchanged)
        {
            return;
        }

        string extra = (dilation != 1 ? $", dilation: {Invariant.Of(dilation)}" : string.Empty) + (ceil ? ", ceilMode: true" : string.Empty);
        w.Line($"lengths = SequenceOps.WindowLengths(lengths, kernel: {Invariant.Of(kernel)}, stride: {Invariant.Of(stride)}, padding: {Invariant.Of(padding)}{extra});");
    }

    private static void Mask(SourceWriter w, ForwardState state, bool negativeInfinity)
    {
        if (!state.HasLengths || !(state.Dirty || negativeInfinity))
        {
            return;
        }

        string timeDim = state.ChannelsFirst ? "2" : "1";
        // Padded steps must look like the zero padding an unpadded sequence gets, or -inf for max pooling.
        w.Line(negativeInfinity
            ? $"x = SequenceOps.MaskTime(x, lengths, timeDim: {timeDim}, value: double.NegativeInfinity);"
            : $"x = SequenceOps.MaskTime(x, lengths, timeDim: {timeDim});");
        state.Dirty = negativeInfinity;
    }

    private static void ChannelsFirst(SourceWriter w, IReadOnlyList<Dim> shape, ForwardState state)
    {
        if (shape.Count == 2 && !state.ChannelsFirst)
        {
            state.ChannelsFirst = true;
            Emit(w, "x = x.transpose(1, 2);", shape, state);
        }
    }

    private static void ChannelsLast(SourceWriter w, IReadOnlyList<Dim> shape, ForwardState state)
    {
        if (shape.Count == 2 && state.ChannelsFirst)
        {
            state.ChannelsFirst = false;
            Emit(w, "x = x.transpose(1, 2);", shape, state);
        }
    }

    private static void Emit(SourceWriter w, string code, IEnumerable<Dim> shape, ForwardState state, bool forceRank1 = false)
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
