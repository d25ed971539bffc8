using System;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Training.Optimizers;

/// <summary>One parameter's Adam / AdamW update, in TorchSharp 0.107's order of operations, with explicitly held Scalars.</summary>
internal static class AdamUpdate
{
    public static void Apply(Tensor param, Tensor expAvg, Tensor expAvgSq, ref long step, ref Tensor? maxExpAvgSq, double lr, double beta1, double beta2, double eps, bool amsgrad, bool maximize, double l2, double decoupled)
    {
        Tensor? grad = param.grad;
        if (grad is null)
        {
            return;
        }

        using var scope = NewDisposeScope();
        if (maximize)
        {
            grad = -grad;
        }

        step += 1;
        if (decoupled != 0)
        {
            using Scalar shrink = (1 - (lr * decoupled)).ToScalar();
            param.mul_(shrink);
        }

        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        if (l2 != 0)
        {
            using Scalar decay = l2.ToScalar();
            grad = grad.add(param, alpha: decay);
        }

        using Scalar b1 = beta1.ToScalar();
        using Scalar oneMinusB1 = (1 - beta1).ToScalar();
        using Scalar b2 = beta2.ToScalar();
        using Scalar oneMinusB2 = (1 - beta2).ToScalar();
        using Scalar correction2 = Math.Sqrt(biasCorrection2).ToScalar();
        using Scalar epsilon = eps.ToScalar();
        using Scalar stepSize = (-(lr / biasCorrection1)).ToScalar();

        expAvg.mul_(b1).add_(grad, alpha: oneMinusB1);
        expAvgSq.mul_(b2).addcmul_(grad, grad.conj(), value: oneMinusB2);
        Tensor denom;
        if (amsgrad)
        {
            Tensor previous = maxExpAvgSq ?? zeros_like(expAvgSq).DetachFromDisposeScope();
            maxExpAvgSq = maximum(previous, expAvgSq).DetachFromDisposeScope();
            previous.Dispose();
            denom = (maxExpAvgSq.sqrt() / correction2).add_(epsilon);
        }
        else
        {
            denom = (expAvgSq.sqrt() / correction2).add_(epsilon);
        }

        param.addcdiv_(expAvg, denom, value: stepSize);
    }
}
