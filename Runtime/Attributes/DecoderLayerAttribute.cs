using System;

namespace QuickDrawDsl;

/// <summary>A layer of the decoder's head, applied to every decoder step (YAML <c>decoder.head</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DecoderLayerAttribute : Attribute
{
    /// <summary>Declares a head layer.</summary>
    /// <param name="type">dense, activation, dropout or layernorm.</param>
    /// <param name="parameters">Its parameters, e.g. <c>"units: 1"</c>.</param>
    public DecoderLayerAttribute(string type, string parameters = "")
    {
        Type = type;
        Parameters = parameters;
    }

    /// <summary>The layer type.</summary>
    public string Type { get; }

    /// <summary>The parameters.</summary>
    public string Parameters { get; }
}
