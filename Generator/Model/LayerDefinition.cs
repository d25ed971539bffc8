using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Generator.Model;

/// <summary>A layer type of the DSL: its YAML key, what it does, and its parameters.</summary>
internal sealed class LayerDefinition
{
    public LayerDefinition(string type, string description, params ParamDefinition[] parameters)
    {
        Type = type;
        Description = description;
        Parameters = parameters;
    }

    public string Type { get; }

    public string Description { get; }

    public IReadOnlyList<ParamDefinition> Parameters { get; }

    public ParamDefinition? Find(string key) => Parameters.FirstOrDefault(p => p.Key == key);
}
