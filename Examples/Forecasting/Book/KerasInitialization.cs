using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>
/// Re-initialises a module's layers the way Keras initialises the chapter's layers, since the starting point decides
/// where SGD ends up: Glorot-uniform kernels, orthogonal recurrent kernels, zero biases (an LSTM's forget-gate bias at
/// 1). Keras' <c>SimpleRNN</c> and <c>LSTM</c> have one bias per gate where PyTorch has two (input and hidden); the
/// hidden one is zeroed and frozen, so the layer learns exactly Keras' parameters. GRU keeps both, as Keras'
/// <c>reset_after=True</c> GRU does.
/// </summary>
internal static class KerasInitialization
{
    /// <summary>Applies the Keras initialisers to every dense, convolutional and recurrent layer of <paramref name="model"/>.</summary>
    /// <param name="model">The module; changed in place.</param>
    public static void Apply(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = torch.no_grad();
        foreach ((_, nn.Module module) in model.named_modules())
        {
            switch (module)
            {
                case Linear linear:
                    nn.init.xavier_uniform_(linear.weight);
                    ZeroBias(linear.bias);
                    break;
                case Conv1d conv:
                    nn.init.xavier_uniform_(conv.weight);
                    ZeroBias(conv.bias);
                    break;
                case RNN or LSTM or GRU:
                    Recurrent(module, hasOneBias: module is not GRU, forgetGate: module is LSTM);
                    break;
            }
        }
    }

    private static void Recurrent(nn.Module layer, bool hasOneBias, bool forgetGate)
    {
        foreach ((string name, Parameter p) in layer.named_parameters())
        {
            if (name.StartsWith("weight_ih", StringComparison.Ordinal))
            {
                nn.init.xavier_uniform_(p);
            }
            else if (name.StartsWith("weight_hh", StringComparison.Ordinal))
            {
                nn.init.orthogonal_(p);
            }
            else if (name.StartsWith("bias_ih", StringComparison.Ordinal))
            {
                p.zero_();
                if (forgetGate)
                {
                    // PyTorch's gate order is input, forget, cell, output.
                    long units = p.shape[0] / 4;
                    p.narrow(0, units, units).fill_(1);
                }
            }
            else if (name.StartsWith("bias_hh", StringComparison.Ordinal))
            {
                p.zero_();
                if (hasOneBias)
                {
                    p.requires_grad = false;
                }
            }
        }
    }

    private static void ZeroBias(Tensor? bias)
    {
        bias?.zero_();
    }
}
