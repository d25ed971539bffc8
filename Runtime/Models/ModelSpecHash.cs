using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// A fingerprint of what a spec declared (<see cref="ModelInfo"/>): name, kind, input and output shapes and types,
/// labels, and every layer's name, type, output shape and parameter count. Two builds of the same spec have the same
/// hash on any machine (the spec file's path is left out); any change to the architecture or the labels changes it.
/// </summary>
public static class ModelSpecHash
{
    /// <summary>The hash of <paramref name="info"/>: 64 lower-case hex digits (SHA-256).</summary>
    /// <param name="info">The model's generated description.</param>
    /// <returns>The hash.</returns>
    public static string Of(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var text = new StringBuilder();
        text.Append("model ").Append(info.Name).Append(' ').Append(info.Kind).Append('\n');
        text.Append("input ").Append(info.InputName).Append(' ').Append(info.InputDType).Append(' ').AppendJoin(",", info.InputShape).Append('\n');
        text.Append("output ").Append(info.OutputName).Append(' ').AppendJoin(",", info.OutputShape).Append('\n');
        text.Append("labels ").AppendJoin("\u001f", info.Labels).Append('\n');
        foreach (LayerInfo layer in info.Layers)
        {
            text.Append("layer ").Append(layer.Name).Append(' ').Append(layer.Type).Append(' ')
                .AppendJoin(",", layer.OutputShape).Append(' ').Append(layer.Parameters.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The hash of a model's spec when it is a generated model (<see cref="IGeneratedModel"/>), otherwise null.</summary>
    /// <param name="model">Any module.</param>
    /// <returns>The hash, or null.</returns>
    public static string? OfModel(object model) => model is IGeneratedModel generated ? Of(generated.Info) : null;

    internal static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    internal static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
}
