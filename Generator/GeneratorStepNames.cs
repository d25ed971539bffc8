namespace QuickDrawDsl.Generator;

/// <summary>Tracking names of the generator's incremental steps (asserted on by the caching tests).</summary>
public static class GeneratorStepNames
{
    /// <summary>The <c>*.model.yaml</c> additional files.</summary>
    public const string SpecFiles = nameof(SpecFiles);
}
