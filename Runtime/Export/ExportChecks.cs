using System;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>Checks made before a model is exported.</summary>
public static class ExportChecks
{
    /// <summary>Throws when any floating-point parameter or buffer of <paramref name="model"/> is NaN or infinite.</summary>
    /// <param name="model">The model about to be exported.</param>
    /// <exception cref="NonFiniteWeightsException">A weight holds non-finite values; the exception names the first.</exception>
    public static void EnsureFiniteWeights(torch.nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = torch.NewDisposeScope();
        foreach ((string name, torch.Tensor tensor) in model.state_dict())
        {
            EnsureFinite(name, tensor);
        }
    }

    internal static void EnsureFinite(string name, torch.Tensor tensor)
    {
        if (!tensor.is_floating_point())
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        long finite = tensor.isfinite().sum().item<long>();
        if (finite != tensor.numel())
        {
            throw new NonFiniteWeightsException(name, tensor.numel() - finite);
        }
    }
}
