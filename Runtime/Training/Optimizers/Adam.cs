using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Training.Optimizers;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.Adam"/> with the same update, operation for operation (results are
/// bit-identical), but every <see cref="Scalar"/> handed to libtorch is held until the call returns. TorchSharp 0.107's
/// own step passes implicitly converted Scalars that nothing references during the native call; a garbage collection
/// triggered meanwhile by another thread lets their finalizer free them while libtorch reads them (seen as "Expected
/// false to be true" from <c>c10::Scalar::toFloat</c> inside <c>addcdiv_</c>). The class keeps TorchSharp's name,
/// which TorchSharp writes into saved optimizer state and checks on load, so state saved by either class loads into
/// the other.
/// </summary>
public sealed class Adam : TorchSharp.Modules.Adam
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to optimise.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay of the first-moment average.</param>
    /// <param name="beta2">Decay of the second-moment average.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient.</param>
    /// <exception cref="ArgumentException">A rate, beta or decay out of range.</exception>
    public Adam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
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
                AdamUpdate.Apply(param, state.exp_avg, state.exp_avg_sq, ref state.step, ref state.max_exp_avg_sq, options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.amsgrad!.Value, options.maximize!.Value, l2: options.weight_decay!.Value, decoupled: 0);
            }
        },
        closure);
}
