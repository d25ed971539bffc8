using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="ModelGenerator"/> through <see cref="CSharpGeneratorDriver"/> on an in-memory compilation.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, CSharpParseOptions.Default, path: $"Source{i}.cs")),
            FrameworkReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The RootNamespace the harness passes, as the example project's build does.</summary>
    public const string RootNamespace = "QuickDrawDsl.Examples.Archetypes";

    /// <summary>A driver with the RootNamespace build property and any <paramref name="buildProperties"/> (names without <c>build_property.</c>).</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalFiles, bool trackSteps = true, IReadOnlyDictionary<string, string>? buildProperties = null) =>
        CSharpGeneratorDriver.Create(
            [new ModelGenerator().AsSourceGenerator()],
            additionalTexts: additionalFiles,
            parseOptions: CSharpParseOptions.Default,
            optionsProvider: new GlobalOptionsProvider(
                (buildProperties ?? new Dictionary<string, string>())
                    .Select(p => new KeyValuePair<string, string>("build_property." + p.Key, p.Value))
                    .Append(new KeyValuePair<string, string>("build_property.RootNamespace", RootNamespace))
                    .ToDictionary()),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
}
