using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training.Checkpoints;

/// <summary>A model's identity for checkpoints: every state entry (parameters and buffers) with its shape and dtype.</summary>
public static class ModelSignature
{
    /// <summary>The signature of <paramref name="model"/>: <c>name[d0,d1]:dtype</c> entries joined by <c>;</c>.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The signature.</returns>
    public static string Of(torch.nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return string.Join(";", model.state_dict().Select(kv =>
            $"{kv.Key}[{string.Join(",", kv.Value.shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]:{kv.Value.dtype}"));
    }

    /// <summary>Explains the first difference between two signatures in one line.</summary>
    /// <param name="expected">Signature of the model in memory.</param>
    /// <param name="found">Signature stored in the checkpoint.</param>
    /// <returns>A description such as <c>the model has fc.weight[3,4]:Float32, the checkpoint has fc.weight[5,4]:Float32</c>.</returns>
    public static string Describe(string expected, string found)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(found);
        IReadOnlyList<string> e = expected.Split(';', StringSplitOptions.RemoveEmptyEntries);
        IReadOnlyList<string> f = found.Split(';', StringSplitOptions.RemoveEmptyEntries);
        // Stryker disable once Equality : at i == max both entries are null and equal, so one more iteration never returns
        for (int i = 0; i < Math.Max(e.Count, f.Count); i++)
        {
            string? a = i < e.Count ? e[i] : null;
            string? b = i < f.Count ? f[i] : null;
            if (a != b)
            {
                return $"entry {i}: the model has {a ?? "nothing"}, the checkpoint has {b ?? "nothing"} ({e.Count} vs {f.Count} entries)";
            }
        }

        return "the signatures differ";
    }
}
