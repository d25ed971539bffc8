using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Generator.Model;

/// <summary>A layer type of the DSL: its YAML key, the TorchSharp module it becomes, and its parameters.</summary>
internal sealed class LayerDefinition
{
    public LayerDefinition(string type, string torchType, string description, params ParamDefinition[] parameters)
    {
        Type = type;
        TorchType = torchType;
        Description = description;
        Parameters = parameters;
    }

    public string Type { get; }

    /// <summary>The TorchSharp module type of the field, or empty for layers that are pure tensor operations.</summary>
    public string TorchType { get; }

    public string Description { get; }

    public IReadOnlyList<ParamDefinition> Parameters { get; }

    public ParamDefinition? Find(string key) => Parameters.FirstOrDefault(p => p.Key == key);
}
