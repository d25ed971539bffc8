using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// <see cref="BidirectionalGruFunction"/>'s forward and backward for float32 on the CPU: per step, libtorch computes
/// only the product with W_h (one <c>baddbmm</c>), and <see cref="BidirectionalGruKernel"/> does all the gate
/// arithmetic in one pass over the tensors' memory, writing the state and what backward needs straight into buffers
/// allocated once per call. Same inputs, outputs and gradients as the libtorch-op path (within float rounding).
/// </summary>
internal static class BidirectionalGruKernelPass
{
    // Steps per block of the whole-sequence temporaries (the input projections forward, the gate gradients backward):
    // a few MB at batch 128, so the allocator reuses them block after block instead of mapping and faulting in tens of
    // MB on every call, while each block's products still have 16·B rows.
    private const int BlockSteps = 16;

    /// <summary>Whether the inputs are float32 CPU tensors small enough for the kernel's spans.</summary>
    /// <param name="p">The inputs.</param>
    /// <returns>True when <see cref="Run"/> applies.</returns>
    public static bool Applies(BidirectionalGruFunction.Inputs p)
    {
        ArgumentNullException.ThrowIfNull(p);
        foreach (Tensor t in (Tensor[])[p.X, p.WeightIhForward, p.WeightHhForward, p.BiasIhForward, p.BiasHhForward,
                     p.WeightIhReverse, p.WeightHhReverse, p.BiasIhReverse, p.BiasHhReverse])
        {
            if (t.dtype != ScalarType.Float32 || t.device_type != DeviceType.CPU)
            {
                return false;
            }
        }

        // The largest buffer, [T, 2, B, 4H], is indexed with int spans.
        long steps = p.X.shape[1], batch = p.X.shape[0], hidden = p.WeightHhForward.shape[1];
        return steps > 0 && batch > 0 && hidden > 0 && (steps + 1) * 2 * batch * 4 * hidden <= int.MaxValue;
    }

    /// <summary>The forward pass; records what <see cref="Backward"/> needs when <paramref name="keep"/> is true.</summary>
    /// <param name="p">The inputs (<see cref="Applies"/> true).</param>
    /// <param name="keep">Whether backward will run.</param>
    /// <returns>The output [B, T, 2H] and, when kept, the saved tensors.</returns>
    public static (Tensor Output, Saved? Saved) Run(BidirectionalGruFunction.Inputs p, bool keep)
    {
        ArgumentNullException.ThrowIfNull(p);
        using var scope = NewDisposeScope();
        using var noGrad = torch.no_grad();
        long batch = p.X.shape[0], steps = p.X.shape[1], features = p.X.shape[2];
        long hidden = p.WeightHhForward.shape[1];
        int rows = checked((int)batch), width = checked((int)hidden), length = checked((int)steps);

        // Every buffer is direction-major, [2, T, B, …]: one step of both directions is a [2, B, …] view for bmm, and
        // each direction's T·B rows are one matrix for the weight gradients, so nothing big is ever transposed.
        Tensor reversed = p.X.gather(1, p.Index.unsqueeze(2).expand(batch, steps, features));   // each sequence reversed within its length
        Tensor inputs = stack([p.X.transpose(0, 1), reversed.transpose(0, 1)], 0).view(2, steps * batch, features); // [2, T·B, F]
        Tensor weightIh = stack([p.WeightIhForward, p.WeightIhReverse], 0);                  // [2, 3H, F]
        Tensor biasIh = stack([p.BiasIhForward, p.BiasIhReverse], 0).unsqueeze(1);           // [2, 1, 3H]
        Tensor weightIhT = weightIh.transpose(1, 2);                                           // [2, F, 3H]
        Tensor weightHh = stack([p.WeightHhForward, p.WeightHhReverse], 0);                  // [2, 3H, H]
        Tensor weightHhT = weightHh.transpose(1, 2);                                           // [2, H, 3H]
        Tensor biasHh = stack([p.BiasHhForward, p.BiasHhReverse], 0);                        // [2, 3H], added by the kernel

        // states[:, 0] is h_0 = 0 and states[:, t + 1] is h_t, so states[:, t] is step t's h_prev; the kernel writes it.
        Tensor states = zeros(2, steps + 1, batch, hidden, dtype: ScalarType.Float32);      // [2, T + 1, B, H]
        // r, z, n, gh_n for backward, one [2, k, B, 4H] tensor per block of steps: one buffer for all steps would be
        // above glibc's largest mmap threshold at batch 128, mapped and faulted in on every call.
        var gates = keep ? new List<Tensor>() : null;
        Tensor[] before = states.unbind(1);                                                    // T + 1 × [2, B, H]
        Span<float> stateAll = Floats(states), bias = Floats(biasHh);
        int gateBlock = rows * 3 * width, stateBlock = rows * width, savedBlock = rows * 4 * width;
        for (int first = 0; first < length; first += BlockSteps)
        {
            int count = Math.Min(BlockSteps, length - first);
            using Tensor blockInputs = Steps(inputs, steps, batch, first, count);              // [2, k·B, F]
            using Tensor gi = blockInputs.baddbmm(weightIhT, biasIh);                         // [2, k·B, 3H] = W_i x + b_i
            Span<float> giBlock = Floats(gi);
            Span<float> savedBlockAll = default;
            if (gates is not null)
            {
                Tensor block = empty(2, count, batch, 4 * hidden, dtype: ScalarType.Float32);
                gates.Add(block);
                savedBlockAll = Floats(block);
            }

            for (int t = first; t < first + count; t++)
            {
                using Tensor gh = before[t].bmm(weightHhT);                                    // [2, B, 3H] = W_h h_prev
                Span<float> product = Floats(gh);
                for (int d = 0; d < 2; d++)
                {
                    int local = (d * count) + t - first, state = (d * (length + 1)) + t;
                    BidirectionalGruKernel.Forward(
                        giBlock.Slice(local * gateBlock, gateBlock), product.Slice(d * gateBlock, gateBlock), bias.Slice(d * 3 * width, 3 * width),
                        stateAll.Slice(state * stateBlock, stateBlock), stateAll.Slice((state + 1) * stateBlock, stateBlock),
                        gates is null ? default : savedBlockAll.Slice(local * savedBlock, savedBlock), rows, width);
                }
            }
        }

        Tensor forwardStates = states[0].narrow(0, 1, steps).transpose(0, 1);                 // [B, T, H]
        Tensor reverseStates = states[1].narrow(0, 1, steps).transpose(0, 1)
            .gather(1, p.Index.unsqueeze(2).expand(batch, steps, hidden));                    // back to input order
        Tensor output = cat([forwardStates, reverseStates], 2).masked_fill(p.Valid.logical_not(), 0); // [B, T, 2H]
        Saved? saved = null;
        if (gates is not null)
        {
            saved = new Saved(inputs, p.Index.detach(), p.Valid.detach(), weightIh, weightHh, states, [.. gates]);

            // Alive until the caller's scope ends: the autograd node takes its own references when forward returns.
            saved.MoveToOuterDisposeScope();
        }

        return (output.MoveToOuterDisposeScope(), saved);
    }

    /// <summary>Gradients for x and the eight weights, one entry per input of forward (null for the rest).</summary>
    /// <param name="s">What <see cref="Run"/> kept.</param>
    /// <param name="gradOutput">dLoss/dOutput [B, T, 2H].</param>
    /// <returns>The gradients, in the caller's dispose scope.</returns>
    public static List<Tensor?> Backward(Saved s, Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(gradOutput);
        using var noGrad = torch.no_grad();
        long batch = s.Index.shape[0], steps = s.Index.shape[1], features = s.Inputs.shape[2];
        long hidden = s.WeightHh.shape[2];
        int rows = checked((int)batch), width = checked((int)hidden), length = checked((int)steps);

        // The output was masked: padded steps pass no gradient. The reverse half goes back to processing order.
        Tensor g = gradOutput.masked_fill(s.Valid.logical_not(), 0);
        Tensor gForward = g.narrow(2, 0, hidden).transpose(0, 1);                             // [T, B, H]
        Tensor gReverse = g.narrow(2, hidden, hidden).gather(1, s.Index.unsqueeze(2).expand(batch, steps, hidden)).transpose(0, 1);
        Tensor gStates = stack([gForward, gReverse], 0);                                      // [2, T, B, H]
        Tensor direct = empty(2, batch, hidden, dtype: ScalarType.Float32);                  // dh z, carried to the step before
        Span<float> gAll = Floats(gStates), stateAll = Floats(s.States), directAll = Floats(direct);
        int gateBlock = rows * 3 * width, stateBlock = rows * width, savedBlock = rows * 4 * width;

        // Gradient sums over blocks of steps, last block first; each block's gate gradients are products on views.
        Tensor dWeightHh = zeros(2, 3 * hidden, hidden, dtype: ScalarType.Float32);
        Tensor dWeightIh = zeros(2, 3 * hidden, features, dtype: ScalarType.Float32);
        Tensor dBiasHh = zeros(2, 3 * hidden, dtype: ScalarType.Float32);
        Tensor dBiasIh = zeros(2, 3 * hidden, dtype: ScalarType.Float32);
        Tensor dInputs = empty(2, steps, batch, features, dtype: ScalarType.Float32);        // dLoss/d inputs, [2, T, B, F]
        Tensor? back = null;                                                                   // the next step's dgh · W_h [2, B, H]
        int lastBlock = (length - 1) / BlockSteps * BlockSteps;
        for (int first = lastBlock; first >= 0; first -= BlockSteps)
        {
            int count = Math.Min(BlockSteps, length - first);
            using Tensor dGh = empty(2, count, batch, 3 * hidden, dtype: ScalarType.Float32);  // dLoss/d(W_h h_prev + b_h)
            using Tensor dGi = empty(2, count, batch, 3 * hidden, dtype: ScalarType.Float32);  // dLoss/d(W_i x + b_i)
            Span<float> dGhBlock = Floats(dGh), dGiBlock = Floats(dGi), savedBlockAll = Floats(s.Gates[first / BlockSteps]);
            for (int t = first + count - 1; t >= first; t--)
            {
                Span<float> carried = back is null ? default : Floats(back);
                for (int d = 0; d < 2; d++)
                {
                    int local = (d * count) + t - first, step = (d * length) + t, state = (d * (length + 1)) + t;
                    BidirectionalGruKernel.Backward(
                        gAll.Slice(step * stateBlock, stateBlock), carried.IsEmpty ? default : carried.Slice(d * stateBlock, stateBlock),
                        savedBlockAll.Slice(local * savedBlock, savedBlock), stateAll.Slice(state * stateBlock, stateBlock),
                        dGhBlock.Slice(local * gateBlock, gateBlock), dGiBlock.Slice(local * gateBlock, gateBlock),
                        directAll.Slice(d * stateBlock, stateBlock), rows, width);
                }

                back?.Dispose();
                if (t > 0)
                {
                    using Tensor stepGradient = dGh.select(1, t - first);                      // [2, B, 3H]
                    back = stepGradient.bmm(s.WeightHh);
                }
                else
                {
                    back = null;
                }
            }

            using Tensor dGhRows = dGh.view(2, count * batch, 3 * hidden);
            using Tensor dGiRows = dGi.view(2, count * batch, 3 * hidden);
            using Tensor previous = Steps(s.States, steps + 1, batch, first, count);          // h_prev of the block's steps
            using Tensor blockInputs = Steps(s.Inputs, steps, batch, first, count);
            using (Tensor product = dGhRows.transpose(1, 2).bmm(previous)) { dWeightHh.add_(product); }
            using (Tensor product = dGiRows.transpose(1, 2).bmm(blockInputs)) { dWeightIh.add_(product); }
            using (Tensor sum = dGhRows.sum(1)) { dBiasHh.add_(sum); }
            using (Tensor sum = dGiRows.sum(1)) { dBiasIh.add_(sum); }
            using Tensor blockInputGradient = dGiRows.bmm(s.WeightIh);                          // [2, k·B, F]
            using Tensor target = dInputs.narrow(1, first, count);
            target.copy_(blockInputGradient.view(2, count, batch, features));
        }

        Tensor dxForward = dInputs[0].transpose(0, 1);                                          // [B, T, F]
        Tensor dxReverse = dInputs[1].transpose(0, 1)
            .gather(1, s.Index.unsqueeze(2).expand(batch, steps, features));                  // the index is its own inverse
        Tensor dx = dxForward + dxReverse;

        // One entry per input of forward, the two bools included (TorchSharp counts every var).
        return [dx, null, null, dWeightIh[0], dWeightHh[0], dBiasIh[0], dBiasHh[0], dWeightIh[1], dWeightHh[1], dBiasIh[1], dBiasHh[1], null, null];
    }

    // Steps [first, first + count) of a direction-major [2, T, B, X] tensor given as [2, T·B, X], as [2, count·B, X].
    private static Tensor Steps(Tensor rows, long steps, long batch, int first, int count)
    {
        long width = rows.shape[^1];
        using Tensor bySteps = rows.view(2, steps, batch, width);
        using Tensor block = bySteps.narrow(1, first, count);
        return block.reshape(2, count * batch, width);
    }

    // The tensor's memory as floats: the tensor must be contiguous, float32, on the CPU, and outlive the span.
    private static Span<float> Floats(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    /// <summary>What backward reads, in the order <c>save_for_backward</c> keeps it.</summary>
    /// <param name="Inputs">x of both directions, the reverse one reversed within each length, [2, T·B, F].</param>
    /// <param name="Index">The reversing index [B, T].</param>
    /// <param name="Valid">The valid steps [B, T, 1].</param>
    /// <param name="WeightIh">W_i of both directions [2, 3H, F].</param>
    /// <param name="WeightHh">W_h of both directions [2, 3H, H].</param>
    /// <param name="States">h_0 … h_T [2, T + 1, B, H].</param>
    /// <param name="Gates">r, z, n, W_hn h_prev + b_hn of every step, one [2, k, B, 4H] tensor per block of steps.</param>
    internal sealed record Saved(Tensor Inputs, Tensor Index, Tensor Valid, Tensor WeightIh, Tensor WeightHh, Tensor States, Tensor[] Gates)
    {
        public static Saved From(List<Tensor> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], [.. v.Skip(6)]);

        public List<Tensor> ToList() => [Inputs, Index, Valid, WeightIh, WeightHh, States, .. Gates];

        public void MoveToOuterDisposeScope()
        {
            foreach (Tensor t in ToList())
            {
                t.MoveToOuterDisposeScope();
            }
        }
    }
}
