using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Training.Optimizers;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.SGD"/> (momentum, dampening, Nesterov, L2 decay) with the same update, operation for
/// operation, but every <see cref="Scalar"/> handed to libtorch is held until the call returns (see
/// <see cref="Adam"/> for why).
/// </summary>
public sealed class SGD : TorchSharp.Modules.SGD
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to optimise.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="momentum">Momentum factor (0: none).</param>
    /// <param name="weightDecay">L2 penalty added to the gradient.</param>
    /// <param name="nesterov">Nesterov momentum (needs a momentum).</param>
    /// <exception cref="ArgumentException">A rate or decay out of range, or Nesterov without momentum.</exception>
    public SGD(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double momentum = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, lr, momentum, 0, weightDecay, nesterov)
    {
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(
        group =>
        {
            Options options = group.Options;
            double momentum = options.momentum!.Value;
            double dampening = options.dampening!.Value;
            double weightDecay = options.weight_decay!.Value;
            bool nesterov = options.nesterov!.Value;
            double lr = options.LearningRate!.Value;
            using Scalar decay = weightDecay.ToScalar();
            using Scalar momentumScalar = momentum.ToScalar();
            using Scalar undamped = (1 - dampening).ToScalar();
            using Scalar stepSize = (options.maximize!.Value ? lr : -lr).ToScalar();
            foreach (TorchSharp.Modules.Parameter param in group.Parameters)
            {
                var state = (State)_state[param.Handle];
                Tensor? grad = param.grad;
                if (grad is null)
                {
                    continue;
                }

                using var scope = NewDisposeScope();
                if (weightDecay != 0)
                {
                    grad = grad.add(param, alpha: decay);
                }

                if (momentum != 0)
                {
                    Tensor? buffer = state.momentum_buffer;
                    if (buffer is null)
                    {
                        buffer = grad.clone().detach().DetachFromDisposeScope();
                        state.momentum_buffer = buffer;
                    }
                    else
                    {
                        buffer.mul_(momentumScalar).add_(grad, alpha: undamped);
                    }

                    grad = nesterov ? grad.add(buffer, alpha: momentumScalar) : buffer;
                }

                param.add_(grad, alpha: stepSize);
            }
        },
        closure);
}
