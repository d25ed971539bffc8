using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>The result of running the generator on specs: generated sources by hint name and diagnostics as MSBuild prints them.</summary>
internal sealed record GeneratorRun(IReadOnlyDictionary<string, string> Sources, IReadOnlyList<Diagnostic> Diagnostics, GeneratorDriverRunResult Result)
{
    /// <summary>The C# sources the generator ran on (attribute models), compiled along with the generated ones.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    public static GeneratorRun Of(params (string Path, string Text)[] specs) => Of([], specs);

    public static GeneratorRun Of(string[] csharp, params (string Path, string Text)[] specs) => Of(csharp, trackSteps: true, specs);

    /// <summary>Runs the generator; <paramref name="trackSteps"/> off for large runs, where step tracking only costs memory.</summary>
    public static GeneratorRun Of(string[] csharp, bool trackSteps, params (string Path, string Text)[] specs)
    {
        var compilation = GeneratorHarness.CreateCompilation(csharp.Length == 0 ? ["namespace App { internal static class Marker { } }"] : csharp);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(specs.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)), trackSteps);
        driver = driver.RunGenerators(compilation);
        GeneratorDriverRunResult result = driver.GetRunResult();
        var sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new GeneratorRun(sources, result.Diagnostics.ToList(), result) { Inputs = csharp };
    }

    /// <summary>
    /// Compiles the generated sources (and the C# inputs) against the real runtime and TorchSharp; the errors and
    /// warnings, as MSBuild prints them.
    /// </summary>
    public IReadOnlyList<string> CompileProblems() => CompileProblems(Inputs);

    /// <summary>As <see cref="CompileProblems()"/>, with only <paramref name="inputs"/> of the C# inputs (not copies of types the runtime already has).</summary>
    public IReadOnlyList<string> CompileProblems(IEnumerable<string> inputs) =>
        GeneratedCode.Problems(Sources.Select(s => (s.Key, s.Value)).Concat(inputs.Select((c, i) => ($"Source{i}.cs", c))))
            .Select(d => d.ToString())
            .ToList();

    /// <summary>Diagnostics formatted like MSBuild: <c>file.model.yaml(line,col): error QD0002: message</c>.</summary>
    public IEnumerable<string> Messages => Diagnostics
        .OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line)
        .ThenBy(d => d.Location.GetLineSpan().StartLinePosition.Character)
        .Select(Format);

    public static string Format(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        string where = d.Location == Location.None ? string.Empty : $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): ";
        return $"{where}{d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
