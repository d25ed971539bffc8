using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// One bidirectional GRU layer over a padded batch with lengths, exact and without packing: the reverse direction
/// reads each sequence reversed within its own length (a gather), so both directions run to each sequence's end
/// over the whole batch, and both advance together, one batched product per step. Forward and backward are written
/// out (no autograd inside): libtorch's own GRU records about ten autograd nodes per step and direction, which, not
/// the products, is what limited the packed layer to under a third of the matmul limit on one thread.
/// </summary>
/// <remarks>
/// Inputs, in order: x [B, T, F] (padded steps zero), index [B, T] (t &lt; L ? L − 1 − t : t, its own inverse),
/// valid [B, T, 1] (true at valid steps), then weight_ih, weight_hh, bias_ih, bias_hh of the forward direction and
/// the same four of the reverse one, as nn.GRU holds them (gates r, z, n). Output: [B, T, 2H], padded steps zero.
/// </remarks>
internal sealed class BidirectionalGruFunction : torch.autograd.SingleTensorFunction<BidirectionalGruFunction>
{
    // Marks a node whose forward ran the fused kernel: its saved tensors are BidirectionalGruKernelPass.Saved's.
    private const string KernelKey = "kernel";

    /// <inheritdoc/>
    public override string Name => nameof(BidirectionalGruFunction);

    /// <summary>Runs the layer; records what backward needs when <paramref name="vars"/>' last entry is true.</summary>
    /// <param name="ctx">The autograd context.</param>
    /// <param name="vars">
    /// The inputs listed on the class, then whether to keep the backward state and whether the fused kernel may run
    /// (<see cref="BidirectionalGruKernelPass.Applies"/>; false forces the libtorch ops, for tests).
    /// </param>
    /// <returns>[B, T, 2H].</returns>
    public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(vars);
        var inputs = Inputs.From(vars);
        bool keep = (bool)vars[^2];
        if ((bool)vars[^1] && BidirectionalGruKernelPass.Applies(inputs))
        {
            (Tensor fused, BidirectionalGruKernelPass.Saved? kept) = BidirectionalGruKernelPass.Run(inputs, keep);
            if (kept is not null)
            {
                ctx.save_for_backward(kept.ToList());
                ctx.save_data(KernelKey, true);
            }

            return fused;
        }

        (Tensor output, Saved? saved) = Run(inputs, keep);
        if (saved is not null)
        {
            // The node holds its own references from here: they go when the graph goes, backward run or not.
            ctx.save_for_backward(saved.ToList());
            ctx.save_data(KernelKey, false);
        }

        return output;
    }

    /// <summary>Gradients for x and the eight weights (none for the index, the mask and the flag).</summary>
    /// <param name="ctx">The autograd context.</param>
    /// <param name="grad_output">dLoss/dOutput, [B, T, 2H].</param>
    /// <returns>One entry per input of forward, null where none is defined.</returns>
    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(grad_output);
        using var scope = NewDisposeScope();
        List<Tensor> kept = ctx.get_saved_variables();
        List<Tensor?> grads = ctx.get_data(KernelKey) is true
            ? BidirectionalGruKernelPass.Backward(BidirectionalGruKernelPass.Saved.From(kept), grad_output)
            : Backward(Saved.From(kept), grad_output);
        var result = new List<Tensor>(grads.Count);
        foreach (Tensor? g in grads)
        {
            // The engine takes its own reference to each gradient; ours leave the scope and are finalized later.
            result.Add(g is null ? null! : g.MoveToOuterDisposeScope());
        }

        return result;
    }

    /// <summary>The forward pass without an autograd node, for when no gradient is needed.</summary>
    /// <param name="p">The inputs.</param>
    /// <param name="kernel">Whether the fused kernel may run (false forces the libtorch ops, for tests).</param>
    /// <returns>[B, T, 2H].</returns>
    internal static Tensor Evaluate(Inputs p, bool kernel = true) =>
        kernel && BidirectionalGruKernelPass.Applies(p)
            ? BidirectionalGruKernelPass.Run(p, keep: false).Output
            : Run(p, keep: false).Output;

    /// <summary>The forward pass on libtorch ops (any dtype and device), recording what backward needs when asked.</summary>
    internal static (Tensor Output, Saved? Saved) Run(Inputs p, bool keep)
    {
        using var scope = NewDisposeScope();
        long batch = p.X.shape[0], steps = p.X.shape[1];
        long hidden = p.WeightHhForward.shape[1];
        long gates = 3 * hidden;

        Tensor gi = InputProjections(p); // [T, 2, B, 3H], each step one block

        // The loop over time pays per call, not per flop: everything that does not depend on h is done before it.
        // b_hr and b_hz add to the r and z gates whatever h is, so they join the input side; only b_hn stays inside r (…).
        Tensor weightHh = stack([p.WeightHhForward, p.WeightHhReverse], 0); // [2, 3H, H]
        // tanh(a) = 2σ(2a) − 1, and libtorch's CPU tanh costs several times its sigmoid (docs/benchmarks.md), so the
        // n gate runs at twice its scale: W_hn, b_hn and the input side's n part are doubled once, here.
        // Scalars are held for the whole call (TorchSharp 0.107 can free an implicitly converted one during the native call).
        using Scalar one = 1.ToScalar(), two = 2.ToScalar(), minusOneValue = (-1).ToScalar();
        using Tensor gateScale = cat([ones(2 * hidden, dtype: p.X.dtype, device: p.X.device), full(hidden, two, dtype: p.X.dtype, device: p.X.device)]);
        using Tensor minusOne = full(1, minusOneValue, dtype: p.X.dtype, device: p.X.device);
        Tensor weightHhT = (weightHh * gateScale.view(1, gates, 1)).transpose(1, 2); // [2, H, 3H], n columns doubled
        Tensor biasHh = stack([p.BiasHhForward, p.BiasHhReverse], 0).unsqueeze(1); // [2, 1, 3H]
        Tensor[] giRz = (gi.narrow(3, 0, 2 * hidden) + biasHh.narrow(2, 0, 2 * hidden)).unbind(0); // T × [2, B, 2H]
        Tensor[] giN = gi.narrow(3, 2 * hidden, hidden).mul(two).unbind(0);                        // T × [2, B, H], doubled
        Tensor biasHhN = cat([zeros_like(biasHh.narrow(2, 0, 2 * hidden)), biasHh.narrow(2, 2 * hidden, hidden).mul(two)], 2);

        Tensor h = zeros(2, batch, hidden, dtype: p.X.dtype, device: p.X.device);
        var outputs = new Tensor[steps];
        var rzs = keep ? new Tensor[steps] : null;
        var ns = keep ? new Tensor[steps] : null;
        var ghns = keep ? new Tensor[steps] : null;
        for (long t = 0; t < steps; t++)
        {
            Tensor gh = h.baddbmm(weightHhT, biasHhN);                         // [2, B, 3H]: (W_hr h, W_hz h, 2 (W_hn h + b_hn))
            Tensor[] parts = gh.split([2 * hidden, hidden], 2);
            Tensor rz = parts[0].add(giRz[t]).sigmoid_();                      // [2, B, 2H]: r, z (a new tensor: in place on a view is slower)
            Tensor[] rAndZ = rz.chunk(2, 2);
            Tensor s = addcmul(giN[t], rAndZ[0], parts[1], one).sigmoid_();    // σ(2a), a = W_in x + b_in + r (W_hn h + b_hn)
            Tensor n = minusOne.add(s, two);                                   // 2σ(2a) − 1 = tanh(a)
            s.Dispose();
            h = n.lerp(h, rAndZ[1]);                                           // (1 − z) n + z h
            outputs[t] = h;
            if (keep)
            {
                rzs![t] = rz;
                ns![t] = n;
                ghns![t] = parts[1];
            }
            else
            {
                // Freed now rather than with the scope (every view too: each holds the storage), so the allocator
                // hands the same memory to the next step.
                foreach (Tensor used in (Tensor[])[n, rz, .. rAndZ, .. parts, gh])
                {
                    used.Dispose();
                }
            }
        }

        Tensor states = stack(outputs, 0);                                      // [T, 2, B, H]
        Tensor output = Output(states, p);

        Saved? saved = null;
        if (keep)
        {
            // h_{t-1} for each step: zeros, then the states shifted by one.
            Tensor previous = cat([zeros(1, 2, batch, hidden, dtype: p.X.dtype, device: p.X.device), states.narrow(0, 0, steps - 1)], 0);
            saved = new Saved(
                p.X.detach(), p.Index.detach(), p.Valid.detach(),
                p.WeightIhForward.detach(), p.WeightIhReverse.detach(), weightHh.detach(),
                stack(rzs!, 0), stack(ns!, 0), stack(ghns!, 0).div_(two), previous);

            // Alive until the caller's scope ends: the autograd node takes its own references when forward returns.
            saved.MoveToOuterDisposeScope();
        }

        return (output.MoveToOuterDisposeScope(), saved);
    }

    private static List<Tensor?> Backward(Saved s, Tensor gradOutput)
    {
        long steps = s.X.shape[1];
        long hidden = s.WeightHh.shape[2];
        Tensor gStates = StateGradients(gradOutput, s.Valid, s.Index, hidden); // [T, 2, B, H]

        // What does not depend on the incoming gradient, for all steps at once, before the loop over time.
        Tensor[] z = s.Rz.narrow(3, hidden, hidden).unbind(0);
        Tensor[] r = s.Rz.narrow(3, 0, hidden).unbind(0);
        Tensor[] sigmoidSlope = (s.Rz - s.Rz * s.Rz).unbind(0);                // σ' = σ (1 − σ), for r and z
        Tensor[] nSlope = ((1 - s.N * s.N) * (1 - s.Rz.narrow(3, hidden, hidden))).unbind(0); // ∂h/∂(n's input): (1 − n²)(1 − z)
        Tensor[] zSlope = (s.Previous - s.N).unbind(0);                        // ∂h/∂z = h_{t−1} − n
        Tensor[] ghn = s.Ghn.unbind(0);
        Tensor[] gStep = gStates.unbind(0);

        Tensor? dh = null;
        var dnPre = new Tensor[steps];
        var dgh = new Tensor[steps];
        for (long t = steps - 1; t >= 0; t--)
        {
            // Temporaries are freed as soon as they are used, so the allocator reuses their memory step after step.
            Tensor dht = gStep[t];
            if (dh is not null)
            {
                dht = dh.add_(gStep[t]);
                gStep[t].Dispose();
                if (!ReferenceEquals(dht, dh))
                {
                    dh.Dispose();
                }
            }

            dnPre[t] = dht * nSlope[t];
            using Tensor dr = dnPre[t] * ghn[t];
            using Tensor dz = dht * zSlope[t];
            using Tensor drzPre = cat([dr, dz], 2).mul_(sigmoidSlope[t]);
            using Tensor dghN = dnPre[t] * r[t];
            dgh[t] = cat([drzPre, dghN], 2);                                   // [2, B, 3H]
            using Tensor carried = dht * z[t];
            dh = dgh[t].baddbmm(s.WeightHh, carried);                          // dh z + dgh · W_hh
            dht.Dispose();
        }

        Tensor dGh = stack(dgh, 0);                                             // [T, 2, B, 3H]
        Tensor dGi = cat([dGh.narrow(3, 0, 2 * hidden), stack(dnPre, 0)], 3);  // the r, z parts are the same
        return Gradients(dGh, dGi, s.Previous, s.X, s.Index, s.WeightIhForward, s.WeightIhReverse);
    }

    /// <summary>W_i x + b_i of every step and both directions, the reverse one in processing order: [T, 2, B, 3H], contiguous.</summary>
    internal static Tensor InputProjections(Inputs p)
    {
        long batch = p.X.shape[0], steps = p.X.shape[1], features = p.X.shape[2];
        long gates = 3 * p.WeightHhForward.shape[1];

        // One product per direction over all steps; the reverse one re-ordered within each length.
        Tensor flat = p.X.reshape(batch * steps, features);
        Tensor giForward = p.BiasIhForward.addmm(flat, p.WeightIhForward.t()).view(batch, steps, gates);
        Tensor giReverse = p.BiasIhReverse.addmm(flat, p.WeightIhReverse.t()).view(batch, steps, gates)
            .gather(1, p.Index.unsqueeze(2).expand(batch, steps, gates));
        return stack([giForward, giReverse], 0).permute(2, 0, 1, 3).contiguous();
    }

    /// <summary>The layer's output [B, T, 2H] from the states [T, 2, B, H] in processing order; padded steps zero.</summary>
    internal static Tensor Output(Tensor states, Inputs p)
    {
        long batch = p.X.shape[0], steps = p.X.shape[1];
        long hidden = states.shape[3];
        Tensor forwardStates = states.select(1, 0).transpose(0, 1);             // [B, T, H]
        Tensor reverseStates = states.select(1, 1).transpose(0, 1)
            .gather(1, p.Index.unsqueeze(2).expand(batch, steps, hidden));
        return cat([forwardStates, reverseStates], 2).masked_fill(p.Valid.logical_not(), 0);
    }

    /// <summary>dLoss/dh of every step and both directions in processing order: [T, 2, B, H], contiguous.</summary>
    internal static Tensor StateGradients(Tensor gradOutput, Tensor valid, Tensor index, long hidden)
    {
        long batch = gradOutput.shape[0], steps = gradOutput.shape[1];

        // The output was masked: padded steps pass no gradient. The reverse half goes back to processing order.
        Tensor g = gradOutput.masked_fill(valid.logical_not(), 0);
        Tensor gForward = g.narrow(2, 0, hidden);
        Tensor gReverse = g.narrow(2, hidden, hidden).gather(1, index.unsqueeze(2).expand(batch, steps, hidden));
        return stack([gForward, gReverse], 0).permute(2, 0, 1, 3).contiguous();
    }

    /// <summary>
    /// The gradients for forward's inputs from those of the hidden side's gates (dGh) and the input side's (dGi), both
    /// [T, 2, B, 3H] in processing order, and h_prev of every step [T, 2, B, H].
    /// </summary>
    internal static List<Tensor?> Gradients(Tensor dGh, Tensor dGi, Tensor previous, Tensor x, Tensor index, Tensor weightIhForward, Tensor weightIhReverse)
    {
        long batch = x.shape[0], steps = x.shape[1], features = x.shape[2];
        long hidden = previous.shape[3];
        long gates = 3 * hidden;
        Tensor dWeightHh = dGh.permute(1, 3, 0, 2).reshape(2, gates, steps * batch)
            .bmm(previous.permute(1, 0, 2, 3).reshape(2, steps * batch, hidden)); // [2, 3H, H]
        Tensor dBiasHh = dGh.sum([0, 2]);                                       // [2, 3H]
        Tensor dBiasIh = dGi.sum([0, 2]);

        // Input-side gradients in input order: the reverse direction's steps go back through the same gather.
        Tensor dGiForward = dGi.select(1, 0).transpose(0, 1);                   // [B, T, 3H]
        Tensor dGiReverse = dGi.select(1, 1).transpose(0, 1).gather(1, index.unsqueeze(2).expand(batch, steps, gates));
        Tensor flat = x.reshape(batch * steps, features);
        Tensor dForward2d = dGiForward.reshape(batch * steps, gates);
        Tensor dReverse2d = dGiReverse.reshape(batch * steps, gates);
        Tensor dWeightIhForward = dForward2d.t().mm(flat);
        Tensor dWeightIhReverse = dReverse2d.t().mm(flat);
        Tensor dx = dForward2d.mm(weightIhForward).addmm_(dReverse2d, weightIhReverse).view(batch, steps, features);

        // One entry per input of forward, the two bools included (TorchSharp counts every var).
        return [dx, null, null, dWeightIhForward, dWeightHh[0], dBiasIh[0], dBiasHh[0], dWeightIhReverse, dWeightHh[1], dBiasIh[1], dBiasHh[1], null, null];
    }

    /// <summary>The tensor inputs, named.</summary>
    internal sealed record Inputs(
        Tensor X, Tensor Index, Tensor Valid,
        Tensor WeightIhForward, Tensor WeightHhForward, Tensor BiasIhForward, Tensor BiasHhForward,
        Tensor WeightIhReverse, Tensor WeightHhReverse, Tensor BiasIhReverse, Tensor BiasHhReverse)
    {
        public static Inputs From(object[] v) => new(
            (Tensor)v[0], (Tensor)v[1], (Tensor)v[2],
            (Tensor)v[3], (Tensor)v[4], (Tensor)v[5], (Tensor)v[6],
            (Tensor)v[7], (Tensor)v[8], (Tensor)v[9], (Tensor)v[10]);

        public object[] ToVars(bool keep, bool kernel = true) =>
            [X, Index, Valid, WeightIhForward, WeightHhForward, BiasIhForward, BiasHhForward, WeightIhReverse, WeightHhReverse, BiasIhReverse, BiasHhReverse, keep, kernel];
    }

    /// <summary>What backward reads, in the order <c>save_for_backward</c> keeps it.</summary>
    internal sealed record Saved(
        Tensor X, Tensor Index, Tensor Valid, Tensor WeightIhForward, Tensor WeightIhReverse, Tensor WeightHh,
        Tensor Rz, Tensor N, Tensor Ghn, Tensor Previous)
    {
        public static Saved From(List<Tensor> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);

        public List<Tensor> ToList() => [X, Index, Valid, WeightIhForward, WeightIhReverse, WeightHh, Rz, N, Ghn, Previous];

        public void MoveToOuterDisposeScope()
        {
            foreach (Tensor t in ToList())
            {
                t.MoveToOuterDisposeScope();
            }
        }
    }
}
