namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// The resolved hyperparameters of a layer. A family with hyperparameters of its own derives a record from this one
/// (<c>ConvolutionSettings</c>, <c>RecurrentSettings</c>, … beside the family in <c>Layers/</c>); one without any uses
/// it as it is. Records, so a <see cref="ModelPlan"/> stays equatable.
/// </summary>
internal record LayerSettings
{
    /// <summary>The settings of a layer that has none.</summary>
    public static LayerSettings None { get; } = new();

    /// <summary>The activation applied after the layer (or the activation layer's function), or null.</summary>
    public string? Activation { get; init; }
}
