using System;

namespace QuickDrawDsl;

/// <summary>The model's input (YAML <c>input:</c>): the forward argument's name and its shape without the batch axis.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelInputAttribute : Attribute
{
    /// <summary>Declares the input.</summary>
    /// <param name="name">The forward argument's name, e.g. <c>strokes</c>.</param>
    /// <param name="shape">Sizes (<see cref="int"/>) or axis names (<see cref="string"/>, e.g. <c>"time"</c> for a dynamic time axis).</param>
    public ModelInputAttribute(string name, params object[] shape)
    {
        Name = name;
        Shape = shape;
    }

    /// <summary>The forward argument's name.</summary>
    public string Name { get; }

    /// <summary>The shape without the batch axis.</summary>
    public object[] Shape { get; }

    /// <summary><c>float32</c> (default) or <c>int64</c> for token ids.</summary>
    public string? DType { get; set; }
}
