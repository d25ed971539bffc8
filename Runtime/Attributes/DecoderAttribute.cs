using System;

namespace QuickDrawDsl;

/// <summary>
/// The decoder of an encoder–decoder (seq2seq) or vec2seq model (YAML <c>decoder:</c>), e.g.
/// <c>[Decoder("cell: gru, units: 64, steps: 7")]</c>; its head layers are <see cref="DecoderLayerAttribute"/>s.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DecoderAttribute : Attribute
{
    /// <summary>Declares the decoder.</summary>
    /// <param name="parameters">cell, units, num_layers, steps and condition as YAML <c>key: value</c> pairs.</param>
    public DecoderAttribute(string parameters) => Parameters = parameters;

    /// <summary>The decoder's parameters.</summary>
    public string Parameters { get; }
}
