using System.Linq;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Incremental;

public sealed class GeneratorDriverTests
{
    [Fact]
    public void GeneratorRunsOnACompilationAndSeesOnlyModelSpecs()
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace App; public static class Program { public static int Main() => 0; }");
        var driver = GeneratorHarness.CreateDriver(
        [
            new InMemoryAdditionalText("/src/App/Models/A.model.yaml", "model: A\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2 }\n"),
            new InMemoryAdditionalText("/src/App/notes.yaml", "not: a model\n"),
        ]);

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();

        run.Results.Length.ShouldBe(1);
        run.Results[0].Exception.ShouldBeNull();
        diagnostics.ShouldBeEmpty();
        output.SyntaxTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)).ShouldContain("QuickDrawDsl.Examples.Archetypes.A.g.cs");
        run.Results[0].TrackedSteps[GeneratorStepNames.SpecFiles]
            .SelectMany(step => step.Outputs)
            .Select(o => ((AdditionalText)o.Value).Path)
            .ShouldBe(["/src/App/Models/A.model.yaml"]);
    }
}
