using System;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Parsing;

namespace QuickDrawDsl.Generator;

/// <summary>
/// Compiles <c>*.model.yaml</c> specs and <c>[Model]</c>-annotated partial classes into TorchSharp modules.
/// <see cref="Initialize"/> only wires the named steps; the work is in <see cref="SpecPipeline"/> and the emitters.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <summary>File-name suffix of a model spec.</summary>
    public const string SpecSuffix = ".model.yaml";

    /// <summary>Namespace of specs that name none, in a project without a RootNamespace.</summary>
    public const string FallbackNamespace = "Models";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<string> rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? ns) && !string.IsNullOrWhiteSpace(ns) ? ns : FallbackNamespace)
            .WithTrackingName(GeneratorStepNames.RootNamespace);

        IncrementalValueProvider<bool> embedSources = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(EmbeddedSources.BuildProperty, out string? value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(GeneratorStepNames.EmbedSources);

        IncrementalValuesProvider<AdditionalText> specFiles = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(SpecSuffix, StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(GeneratorStepNames.SpecFiles);

        var yamlModels = specFiles
            .Combine(rootNamespace)
            .Select(static (pair, ct) => (Parsed: SpecPipeline.ParseYaml(pair.Left, pair.Right, ct), Path: pair.Left.Path))
            .WithTrackingName(GeneratorStepNames.ParsedYaml)
            .Select(static (parsed, _) => SpecPipeline.Infer(parsed.Parsed, parsed.Path))
            .WithTrackingName(GeneratorStepNames.Models);

        var attributeModels = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeSpecReader.ModelAttributeName,
                static (node, _) => AttributeSpecReader.IsCandidate(node),
                SpecPipeline.ReadAttributes)
            .WithTrackingName(GeneratorStepNames.ParsedAttributes)
            .Select(static (spec, _) => SpecPipeline.InferAttributes(spec))
            .WithTrackingName(GeneratorStepNames.AttributeModels);

        var duplicates = yamlModels.Collect()
            .Combine(attributeModels.Collect())
            .Select(static (models, _) => SpecPipeline.FindDuplicates(models.Left.AddRange(models.Right)))
            .WithTrackingName(GeneratorStepNames.DuplicateNames);

        context.RegisterSourceOutput(yamlModels.Combine(duplicates).Combine(embedSources), SourceOutput.Emit);
        context.RegisterSourceOutput(attributeModels.Combine(duplicates).Combine(embedSources), SourceOutput.Emit);
        context.RegisterSourceOutput(duplicates, SourceOutput.Report);

        IncrementalValueProvider<CommandLineRequest> commandLine = context.AnalyzerConfigOptionsProvider
            .Combine(rootNamespace)
            .Select(static (pair, _) => CommandLineEmitter.Request(pair.Left, pair.Right))
            .WithTrackingName(GeneratorStepNames.CommandLine);
        context.RegisterSourceOutput(yamlModels.Collect().Combine(attributeModels.Collect()).Combine(duplicates).Combine(commandLine), CommandLineEmitter.Emit);
    }
}
