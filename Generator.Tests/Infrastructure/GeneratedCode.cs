using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles generated sources the way a consumer's build does: against the real QuickDrawDsl.Runtime and TorchSharp,
/// nullable on, XML documentation checked, every warning wave on, so a warning here is an error under
/// <c>TreatWarningsAsErrors</c>.
/// </summary>
internal static class GeneratedCode
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    public static CSharpCompilation Create(string assemblyName, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            assemblyName,
            trees,
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                optimizationLevel: OptimizationLevel.Debug,
                concurrentBuild: true));

    public static SyntaxTree Parse(string path, string text, CancellationToken cancellationToken = default) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path, cancellationToken: cancellationToken);

    /// <summary>Errors and warnings of compiling <paramref name="sources"/> (hidden and info diagnostics left out).</summary>
    public static IReadOnlyList<Diagnostic> Problems(IEnumerable<(string Path, string Text)> sources)
    {
        CSharpCompilation compilation = Create("Generated", sources.Select(s => Parse(s.Path, s.Text)));
        return compilation.GetDiagnostics().Where(IsProblem).ToList();
    }

    public static bool IsProblem(Diagnostic d) => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning;
}
