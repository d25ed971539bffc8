using System;

namespace QuickDrawDsl;

/// <summary>
/// One layer of a model declared with <see cref="ModelAttribute"/>; layers run in the order the attributes are
/// written. The parameters are the YAML layer's, written as a flow mapping body: <c>"filters: 32, kernel: 5"</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerAttribute : Attribute
{
    /// <summary>Declares a layer.</summary>
    /// <param name="type">The layer type, e.g. <c>conv1d</c>, <c>lstm</c>, <c>dense</c> (see docs/spec-reference.md).</param>
    /// <param name="parameters">The layer's parameters, e.g. <c>"units: 128, return_sequences: true"</c>; empty for none.</param>
    public LayerAttribute(string type, string parameters = "")
    {
        Type = type;
        Parameters = parameters;
    }

    /// <summary>The layer type.</summary>
    public string Type { get; }

    /// <summary>The parameters as YAML <c>key: value</c> pairs separated by commas.</summary>
    public string Parameters { get; }
}
