using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// Runs a one-layer bidirectional GRU with lengths on the CPU through <see cref="BidirectionalGruFunction"/> over the
/// module's own parameters, so checkpoints, state dicts and the ONNX export see the same <c>nn.GRU</c> as before.
/// Stacked layers (whose inter-layer dropout the native module does not expose), GRUs without biases and other devices
/// (where cuDNN runs the packed sequence in fused kernels) stay packed.
/// </summary>
internal static class BidirectionalGru
{
    private static readonly ConditionalWeakTable<GRU, StrongBox<bool>> Shapes = new();

    private static readonly string[] Names =
    [
        "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
        "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
    ];

    /// <summary>Whether the module is a one-layer bidirectional GRU with biases and <paramref name="x"/> is on the CPU.</summary>
    /// <param name="gru">The module.</param>
    /// <param name="x">Its input.</param>
    /// <returns>True when <see cref="Sequence"/> and <see cref="LastState"/> apply.</returns>
    public static bool Applies(GRU gru, Tensor x) =>
        x.device_type == DeviceType.CPU && Shapes.GetValue(gru, m => new StrongBox<bool>(HasOneBiasedLayer(m))).Value;

    private static bool HasOneBiasedLayer(GRU gru)
    {
        var names = gru.named_parameters().Select(p => p.name).ToHashSet(StringComparer.Ordinal);
        return names.Count == Names.Length && Names.All(names.Contains);
    }

    /// <summary>Every step's output [B, T, 2H]; padded steps are zero.</summary>
    /// <param name="gru">The module.</param>
    /// <param name="x">Its input [B, T, F].</param>
    /// <param name="lengths">Each sequence's length [B].</param>
    /// <param name="kernel">Whether the fused float32 kernel may run (false forces the libtorch ops, for tests).</param>
    public static Tensor Sequence(GRU gru, Tensor x, Tensor lengths, bool kernel = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        long steps = x.shape[1];
        using Tensor clamped = lengths.to(x.device).to_type(ScalarType.Int64).clamp(1, steps);
        using Tensor validSteps = SequenceOps.ValidSteps(clamped, steps);
        using Tensor valid = validSteps.unsqueeze(2);
        using Tensor padding = valid.logical_not();

        // Padded inputs become zero: finite, so the zero gradient at padded steps adds exactly nothing to the weights'.
        using Tensor clean = x.masked_fill(padding, 0).contiguous();
        using Tensor index = ReverseWithinLength(clamped, steps);
        Dictionary<string, Parameter> parameters = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var inputs = new BidirectionalGruFunction.Inputs(
            clean, index, valid,
            parameters[Names[0]], parameters[Names[1]], parameters[Names[2]], parameters[Names[3]],
            parameters[Names[4]], parameters[Names[5]], parameters[Names[6]], parameters[Names[7]]);
        bool needsGradient = torch.is_grad_enabled() && (clean.requires_grad || parameters.Values.Any(p => p.requires_grad));
        return needsGradient
            ? BidirectionalGruFunction.apply(inputs.ToVars(keep: true, kernel))
            : BidirectionalGruFunction.Evaluate(inputs, kernel);
    }

    /// <summary>The final states of both directions [B, 2H]: forward at each last valid step, reverse at step 0.</summary>
    public static Tensor LastState(GRU gru, Tensor x, Tensor lengths)
    {
        using Tensor output = Sequence(gru, x, lengths);
        long hidden = output.shape[2] / 2;
        using Tensor clamped = lengths.to(x.device).to_type(ScalarType.Int64).clamp(1, x.shape[1]);
        using Tensor lastStep = clamped - 1;
        using Tensor index = lastStep.view(-1, 1, 1).expand(-1, 1, hidden);
        using Tensor forwardHalf = output.narrow(2, 0, hidden);
        using Tensor gathered = forwardHalf.gather(1, index);
        using Tensor forwardLast = gathered.squeeze(1);
        using Tensor reverseFirst = output.select(1, 0).narrow(1, hidden, hidden);
        return cat([forwardLast, reverseFirst], 1);
    }

    // [B, T]: t < L ? L − 1 − t : t. Gathering with it reverses each sequence within its own length and leaves the
    // padding where it is; it is its own inverse.
    private static Tensor ReverseWithinLength(Tensor lengths, long steps)
    {
        using Tensor positions = arange(steps, dtype: ScalarType.Int64, device: lengths.device).unsqueeze(0);
        using Tensor last = lengths.unsqueeze(1) - 1;
        using Tensor reversed = last - positions;
        using Tensor inside = positions < lengths.unsqueeze(1);
        return torch.where(inside, reversed, positions.expand(lengths.shape[0], steps));
    }
}
