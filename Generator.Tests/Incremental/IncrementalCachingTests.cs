using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Incremental;

/// <summary>The pipeline's models are the cache boundary: unrelated edits re-run nothing, one YAML edit re-emits one model.</summary>
public sealed class IncrementalCachingTests
{
    private static readonly string[] Steps =
    [
        GeneratorStepNames.ParsedYaml, GeneratorStepNames.Models, GeneratorStepNames.DuplicateNames,
    ];

    [Fact]
    public void EditingUnrelatedCSharpLeavesEveryStepCachedOrUnchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, _) = Start();

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App { internal sealed class Unrelated { public int Value => 42; } }", path: "Unrelated.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in Steps)
        {
            Reasons(second, step).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged, step);
        }

        second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason)
            .ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditingOneSpecReEmitsOnlyThatModel()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, InMemoryAdditionalText[] files) = Start();

        string changed = RepoFiles.ArchetypeSpec("RidershipForecaster").Replace("units: 7", "units: 14").Replace("shape: [7]", "shape: [14]");
        driver = driver.ReplaceAdditionalText(files[1], new InMemoryAdditionalText(files[1].Path, changed));
        GeneratorRunResult second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        IncrementalStepRunReason[] models = Reasons(second, GeneratorStepNames.Models);
        models.Count(r => r == IncrementalStepRunReason.Modified).ShouldBe(1);
        models.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).ShouldBe(files.Length - 1);

        var emitted = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        emitted.Count(r => r == IncrementalStepRunReason.Modified).ShouldBe(1);
        second.GeneratedSources.Single(s => s.HintName.EndsWith(".RidershipForecaster.g.cs")).SourceText.ToString().ShouldContain("__dense_0 = global::TorchSharp.torch.nn.Linear(options.Hidden, 14);");
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, InMemoryAdditionalText[] Files) Start()
    {
        InMemoryAdditionalText[] files = new[] { "QuickDrawClassifier", "RidershipForecaster", "VideoClassifier" }
            .Select(m => new InMemoryAdditionalText($"/src/Models/{m}.model.yaml", RepoFiles.ArchetypeSpec(m)))
            .ToArray();
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("namespace App { internal static class Program { } }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation);
        driver.GetRunResult().GeneratedTrees.Length.ShouldBe(2 * files.Length);
        return (driver, compilation, files);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
}
