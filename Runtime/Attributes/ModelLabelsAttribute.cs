using System;

namespace QuickDrawDsl;

/// <summary>Class labels of a classifier (YAML <c>labels:</c>), in output order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelLabelsAttribute : Attribute
{
    /// <summary>Declares the labels.</summary>
    /// <param name="labels">One name per output unit.</param>
    public ModelLabelsAttribute(params string[] labels) => Labels = labels;

    /// <summary>The labels.</summary>
    public string[] Labels { get; }
}
