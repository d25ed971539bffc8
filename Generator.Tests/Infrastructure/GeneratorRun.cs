using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>The result of running the generator on specs: generated sources by hint name and diagnostics as MSBuild prints them.</summary>
internal sealed record GeneratorRun(IReadOnlyDictionary<string, string> Sources, IReadOnlyList<Diagnostic> Diagnostics, GeneratorDriverRunResult Result)
{
    public static GeneratorRun Of(params (string Path, string Text)[] specs) => Of([], specs);

    public static GeneratorRun Of(string[] csharp, params (string Path, string Text)[] specs)
    {
        var compilation = GeneratorHarness.CreateCompilation(csharp.Length == 0 ? ["namespace App { internal static class Marker { } }"] : csharp);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(specs.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)));
        driver = driver.RunGenerators(compilation);
        GeneratorDriverRunResult result = driver.GetRunResult();
        var sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new GeneratorRun(sources, result.Diagnostics.ToList(), result);
    }

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
