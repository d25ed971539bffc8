using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Training.Optimizers;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.AdamW"/> with the same update, operation for operation, but every <see cref="Scalar"/> handed
/// to libtorch is held until the call returns (see <see cref="Adam"/> for why).
/// </summary>
public sealed class AdamW : TorchSharp.Modules.AdamW
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to optimise.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay of the first-moment average.</param>
    /// <param name="beta2">Decay of the second-moment average.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">Decoupled weight decay (the weights shrink by lr × decay each step).</param>
    /// <exception cref="ArgumentException">A rate, beta or decay out of range.</exception>
    public AdamW(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(parameters, lr, beta1, beta2, eps, weightDecay)
    {
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(
        group =>
        {
            var options = group.Options;
            foreach (TorchSharp.Modules.Parameter param in group.Parameters)
            {
                var state = (State)_state[param.Handle];
                AdamUpdate.Apply(param, state.exp_avg, state.exp_avg_sq, ref state.step, ref state.max_exp_avg_sq, options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.amsgrad!.Value, options.maximize!.Value, l2: 0, decoupled: options.weight_decay!.Value);
            }
        },
        closure);
}
