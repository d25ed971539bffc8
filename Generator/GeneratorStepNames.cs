namespace QuickDrawDsl.Generator;

/// <summary>Tracking names of the generator's incremental steps (asserted on by the caching tests and benchmarks).</summary>
public static class GeneratorStepNames
{
    /// <summary>The <c>*.model.yaml</c> additional files.</summary>
    public const string SpecFiles = nameof(SpecFiles);

    /// <summary>The project's root namespace, the default for specs without <c>namespace:</c>.</summary>
    public const string RootNamespace = nameof(RootNamespace);

    /// <summary>Whether the project asked for its generated files embedded in the assembly (<c>QdEmbedGeneratedSource</c>).</summary>
    public const string EmbedSources = nameof(EmbedSources);

    /// <summary>YAML parsed into a model spec.</summary>
    public const string ParsedYaml = nameof(ParsedYaml);

    /// <summary>Attribute-annotated partial classes read into a model spec.</summary>
    public const string ParsedAttributes = nameof(ParsedAttributes);

    /// <summary>Specs after shape inference: plans to emit, with their diagnostics.</summary>
    public const string Models = nameof(Models);

    /// <summary>Attribute specs after shape inference.</summary>
    public const string AttributeModels = nameof(AttributeModels);

    /// <summary>Models declared twice under the same name.</summary>
    public const string DuplicateNames = nameof(DuplicateNames);

    /// <summary>Whether the project asked for a generated command line (<c>QdGenerateCommandLine</c>), its program name and namespace.</summary>
    public const string CommandLine = nameof(CommandLine);
}
