using System;

namespace QuickDrawDsl;

/// <summary>
/// Declares a model on a top-level <c>partial class</c>; the QuickDrawDsl generator adds the TorchSharp module
/// to it, exactly as it would for the equivalent <c>*.model.yaml</c>. Describe the model with
/// <see cref="ModelInputAttribute"/>, <see cref="ModelOutputAttribute"/> and one <see cref="LayerAttribute"/> per
/// layer, in order.
/// </summary>
/// <example>
/// <code>
/// [Model(ModelKind.Seq2Vec)]
/// [ModelInput("series", "time", 1)]
/// [ModelOutput("forecast", 7)]
/// [Layer("lstm", "units: 32")]
/// [Layer("dense", "units: 7")]
/// public partial class Forecaster { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>Declares a model of the given kind.</summary>
    /// <param name="kind">The archetype; <see cref="ModelKind.Sequential"/> when omitted.</param>
    public ModelAttribute(ModelKind kind = ModelKind.Sequential) => Kind = kind;

    /// <summary>The archetype.</summary>
    public ModelKind Kind { get; }

    /// <summary>The class's XML summary in generated code (YAML <c>description:</c>).</summary>
    public string? Description { get; set; }
}
