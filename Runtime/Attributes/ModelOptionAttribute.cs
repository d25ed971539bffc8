using System;

namespace QuickDrawDsl;

/// <summary>A hyperparameter of the generated options record (YAML <c>options:</c>); layers refer to it as <c>$name</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ModelOptionAttribute : Attribute
{
    /// <summary>Declares an integer option, such as a hidden size.</summary>
    /// <param name="name">The option's name, e.g. <c>hidden</c>.</param>
    /// <param name="value">Its default.</param>
    public ModelOptionAttribute(string name, long value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>Declares a real-valued option, such as a dropout rate.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="value">Its default.</param>
    public ModelOptionAttribute(string name, double value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The option's name.</summary>
    public string Name { get; }

    /// <summary>The default, a <see cref="long"/> or a <see cref="double"/>.</summary>
    public object Value { get; }
}
