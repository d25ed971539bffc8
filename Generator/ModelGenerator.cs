using System;
using Microsoft.CodeAnalysis;

namespace QuickDrawDsl.Generator;

/// <summary>
/// Compiles <c>*.model.yaml</c> specs into TorchSharp modules. <see cref="Initialize"/> only wires the named
/// steps; each step's work lives in its own type.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <summary>File-name suffix of a model spec.</summary>
    public const string SpecSuffix = ".model.yaml";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<AdditionalText> specFiles = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(SpecSuffix, StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(GeneratorStepNames.SpecFiles);

        context.RegisterSourceOutput(specFiles, static (_, _) => { });
    }
}
