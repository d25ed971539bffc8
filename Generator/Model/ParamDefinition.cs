namespace QuickDrawDsl.Generator.Model;

/// <summary>A parameter a layer accepts: its type, whether it is required, its default and what it means.</summary>
internal sealed class ParamDefinition
{
    public ParamDefinition(string key, ParamType type, string? defaultText, string description, bool required = false, bool allowsOption = false, string[]? choices = null)
    {
        Key = key;
        Type = type;
        DefaultText = defaultText;
        Description = description;
        Required = required;
        AllowsOption = allowsOption;
        Choices = choices ?? [];
    }

    public string Key { get; }

    public ParamType Type { get; }

    public string? DefaultText { get; }

    public string Description { get; }

    public bool Required { get; }

    /// <summary>Whether the value may be a <c>$option</c> reference (sizes and rates, never kernels or strides).</summary>
    public bool AllowsOption { get; }

    public string[] Choices { get; }

    /// <summary>The values it accepts; an option it refers to must satisfy the same rule.</summary>
    public ParamRule Rule => ParamRules.For(Type, Key);

    public string TypeName => Type switch
    {
        ParamType.Int => "an integer",
        ParamType.Float => "a number",
        ParamType.Bool => "true or false",
        ParamType.Choice => "one of " + string.Join(", ", Choices),
        ParamType.Padding => string.Join(", ", Choices) + ", or a whole number from 0 (one, or one per spatial axis)",
        _ => "an integer or a list of integers",
    };
}
