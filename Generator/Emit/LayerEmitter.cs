using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>Writes the lines of <c>forward</c> for one layer, inserting layout transposes and length bookkeeping.</summary>
internal static class LayerEmitter
{
    private static readonly CodeDialect D = CodeDialect.TorchSharp;

    public static void Write(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        if (ForwardSteps.TryWriteModuleLayer(w, D, layer, state))
        {
            return;
        }

        int rank = layer.InRank;
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
            {
                bool mean = layer.Type == "global_avgpool";
                if (rank == 2)
                {
                    string timeDim = state.ChannelsFirst ? "2" : "1";
                    ForwardSteps.Emit(w, $"x = {TypeNames.SequenceOps}.{(mean ? "MeanOverTime" : "MaxOverTime")}(x, {Lengths(state)}, timeDim: {timeDim});", layer.OutShape, state, forceRank1: true);
                }
                else
                {
                    string axes = string.Join(", ", Enumerable.Range(2, rank - 1).Select(a => Invariant.Of(a)));
                    ForwardSteps.Emit(w, $"x = x.{(mean ? "mean" : "amax")}(new long[] {{ {axes} }});", layer.OutShape, state);
                }

                state.ChannelsFirst = false;
                state.HasLengths = false;
                break;
            }

            case "flatten":
                ForwardSteps.ChannelsLast(w, D, layer.InShape, state);
                ForwardSteps.Emit(w, "x = x.flatten(1);", layer.OutShape, state);
                state.HasLengths = false;
                break;

            case "lstm":
            case "gru":
            case "rnn":
                ForwardSteps.ChannelsLast(w, D, layer.InShape, state);
                var s = (RecurrentSettings)layer.Settings;
                if (s.ReturnSequences)
                {
                    ForwardSteps.Emit(w, $"x = {TypeNames.RecurrentOps}.Sequence({GeneratedNames.Field(layer.Name)}, x, {Lengths(state)});", layer.OutShape, state);
                    state.Dirty = false;
                }
                else
                {
                    ForwardSteps.Emit(w, $"x = {TypeNames.RecurrentOps}.LastState({GeneratedNames.Field(layer.Name)}, x, {Lengths(state)}, bidirectional: {(s.Bidirectional ? "true" : "false")});", layer.OutShape, state);
                    state.HasLengths = false;
                }

                break;

            case "time_distributed":
                WriteTimeDistributed(w, layer, state);
                break;

            case "repeat_vector":
                ForwardSteps.Emit(w, $"x = x.unsqueeze(1).repeat(1, {Invariant.Of(((RepeatVectorSettings)layer.Settings).Repeat)}, 1);", layer.OutShape, state);
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

        ForwardSteps.Emit(w, $"x = {GeneratedNames.Field(layer.Name)}.forward(x);", layer.OutShape, state);
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

        ForwardSteps.Emit(w, $"x = {GeneratedNames.Field(layer.Name)}.forward(x);", layer.OutShape, state);
        if (sequence)
        {
            ForwardSteps.Lengths(w, D, s.Kernel[0], s.Stride[0], 0, 1, s.CeilMode, state);
        }

        state.Dirty = true;
    }

    private static void WriteTimeDistributed(SourceWriter w, LayerPlan layer, ForwardState state)
    {
        ForwardSteps.ChannelsLast(w, D, layer.InShape, state);
        if (ActsOnLastAxis(layer))
        {
            // These act on the last axis, so they already apply to every step of [B, T, F].
            var stepState = new ForwardState { Batch = state.Batch + ", " + layer.InShape[0].Text, ChannelsFirst = false, HasLengths = false, Locals = state.Locals };
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
        ForwardSteps.ChannelsLast(w, D, run[0].InShape, state);
        int n = state.Temporaries++;
        string b = state.Locals.Declare("batch" + Invariant.Of(n));
        string t = state.Locals.Declare("steps" + Invariant.Of(n));
        w.Line($"long {b} = x.shape[0], {t} = x.shape[1];");
        var folded = new ForwardState { Batch = "B*" + run[0].InShape[0].Text, HasLengths = false, Locals = state.Locals };
        ForwardSteps.Emit(w, "x = x.flatten(0, 1);", run[0].Inner!.InShape, folded);
        foreach (LayerPlan layer in run)
        {
            Write(w, layer.Inner!, folded);
        }

        LayerPlan last = run[run.Count - 1];
        if (last.Inner!.OutShape.Count == 2 && folded.ChannelsFirst)
        {
            // A Conv1d or pool inside leaves each step channels-first; the reshape below wants [steps, features].
            folded.ChannelsFirst = false;
            ForwardSteps.Emit(w, "x = x.transpose(1, 2);", last.Inner.OutShape, folded);
        }

        string dims = string.Join(", ", last.Inner.OutShape.Select(d => d.CodeWith("this.Options")));
        ForwardSteps.Emit(w, $"x = x.reshape({b}, {t}, {dims});", last.OutShape, state);
        state.Dirty = true;
    }

    /// <summary>Whether a time_distributed layer's inner layer acts on the last axis, so it applies to every step of [B, T, F] as it is.</summary>
    internal static bool ActsOnLastAxis(LayerPlan layer) =>
        layer.Inner is { } inner && LayerCatalog.Family(inner.Type).ActsOnLastAxis && layer.InRank == 2;

    /// <summary>The lengths argument of a time-mixing step: null once lengths no longer describe x's time axis (after a vector and repeat_vector).</summary>
    internal static string Lengths(ForwardState state) => state.HasLengths ? "lengths" : "null";
}
