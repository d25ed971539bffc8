using System;

namespace QuickDrawDsl;

/// <summary>The model's output (YAML <c>output:</c>); the generator checks the layers produce this shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelOutputAttribute : Attribute
{
    /// <summary>Declares the output.</summary>
    /// <param name="name">The output's name (used in docs and ONNX export).</param>
    /// <param name="shape">Sizes or axis names, without the batch axis.</param>
    public ModelOutputAttribute(string name, params object[] shape)
    {
        Name = name;
        Shape = shape;
    }

    /// <summary>The output's name.</summary>
    public string Name { get; }

    /// <summary>The shape without the batch axis.</summary>
    public object[] Shape { get; }
}
