using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Testing;

namespace QuickDrawDsl.Generator.Tests.Sections;

/// <summary><c>&lt;QdGenerateCommandLine&gt;true&lt;/QdGenerateCommandLine&gt;</c> emits one entry point over every valid model; off, nothing.</summary>
public sealed class CommandLineProgramTests
{
    private const string WithSections = "model: Sketch\nnamespace: App.Models\nkind: seq2vec\ninput: { name: strokes, shape: [time, 3] }\nlabels: [a, b]\nlayers:\n  - gru: { units: 4 }\n  - dense: { units: 2 }\ntraining: { epochs: 2, batch_size: 8 }\ndata: { format: quickdraw_ndjson, path: data }\n";

    private const string Plain = "model: Forecast\ninput: { shape: [time, 1] }\nlayers:\n  - gru: { units: 4, return_sequences: false }\n  - dense: { units: 1 }\n";

    private const string Broken = "model: Broken\ninput: { shape: [time, 1] }\nlayers:\n  - dense: { units: 1 }\n";

    [Fact]
    public void TheProgramListsEveryValidModelAndIsApproved()
    {
        (Dictionary<string, string> sources, IReadOnlyList<Diagnostic> diagnostics) = Run(enabled: true);

        diagnostics.Select(d => d.Id).ShouldBe(["QD0101"]);
        Approvals.Verify(sources[Emit()], $"{nameof(CommandLineProgramTests)}#QuickDrawDslProgram.g", "cs", SnapshotFolder.Relative);
    }

    [Fact]
    public void TheProgramCompilesAndHandsTheSectionsToTheLibrary()
    {
        (Dictionary<string, string> sources, _) = Run(enabled: true);
        var run = new GeneratorRun(sources.Where(s => !s.Key.StartsWith("QuickDrawDsl.Examples.Archetypes.Broken", StringComparison.Ordinal)).ToDictionary(), [], null!);
        byte[] image = CompiledModels.Compile(run);

        CompiledModels.Use(image, types =>
        {
            Type program = types[0].Assembly.GetType("QuickDrawDsl.Examples.Archetypes.QuickDrawDslProgram")!;
            program.GetMethod("Main", BindingFlags.Public | BindingFlags.Static)!.ReturnType.ShouldBe(typeof(int));
            var models = (IReadOnlyList<ExperimentModel>)program.GetProperty("Models")!.GetValue(null)!;
            models.Select(m => m.Name).ShouldBe(["Forecast", "Sketch"]);
            models[1].Training.GetType().Name.ShouldBe("SketchTraining");
            (models[1].Training.Epochs, models[1].Data.Path).ShouldBe((2, "data"));
            models[0].Training.ShouldBe(new TrainingSection());
            using var module = models[1].Create();
            module.GetType().Name.ShouldBe("Sketch");
        });
    }

    [Fact]
    public void AProjectsOwnCommandRunsBesideTheBuiltInOnes()
    {
        const string Own = """
            namespace QuickDrawDsl.Examples.Archetypes;

            internal static partial class QuickDrawDslProgram
            {
                public static int Greeted;

                static partial void Configure(global::System.CommandLine.RootCommand root)
                {
                    var hello = new global::System.CommandLine.Command("hello", "Says hello");
                    hello.SetAction(_ => { Greeted++; return 7; });
                    root.Subcommands.Add(hello);
                }
            }
            """;
        (Dictionary<string, string> sources, _) = Run(enabled: true);
        var run = new GeneratorRun(sources.Where(s => !s.Key.StartsWith("QuickDrawDsl.Examples.Archetypes.Broken", StringComparison.Ordinal)).ToDictionary(), [], null!) { Inputs = [Own] };
        byte[] image = CompiledModels.Compile(run);

        CompiledModels.Use(image, types =>
        {
            Type program = types[0].Assembly.GetType("QuickDrawDsl.Examples.Archetypes.QuickDrawDslProgram")!;
            MethodInfo main = program.GetMethod("Main", BindingFlags.Public | BindingFlags.Static)!;
            int Main(params string[] args) => (int)main.Invoke(null, [args])!;

            Main("hello").ShouldBe(7, "the project's command ran and returned its own exit code");
            program.GetField("Greeted")!.GetValue(null).ShouldBe(1);
            Main("summary", "--model", "Forecast").ShouldBe(0, "the built-in commands are still there");
            Main("helo").ShouldBe(2, "a misspelt command is still a one-line mistake");
        });
    }

    [Fact]
    public void WithoutThePropertyThereIsNoProgram()
    {
        (Dictionary<string, string> sources, _) = Run(enabled: false);

        sources.Keys.ShouldNotContain(Emit());
        // Sketch: module, options, training, data, predictor; Forecast: module, options.
        sources.Count.ShouldBe(7);
    }

    [Fact]
    public void WhenEverySpecHasErrorsTheirErrorsAreTheBuildsOnlyOnes()
    {
        // The broken spec's located QD error, and an entry point over no models that compiles, so no CS5001 "no Main".
        GeneratorDriver driver = GeneratorHarness.CreateDriver(
            [new InMemoryAdditionalText("/src/C.model.yaml", Broken)],
            buildProperties: new Dictionary<string, string> { ["AssemblyName"] = "sketches", ["QdGenerateCommandLine"] = "true" });
        GeneratorDriverRunResult result = driver.RunGenerators(GeneratorHarness.CreateCompilation(["namespace App { internal static class Marker { } }"])).GetRunResult();
        Dictionary<string, string> sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        result.Diagnostics.ShouldHaveSingleItem().Id.ShouldStartWith("QD");
        sources.Keys.ShouldBe([Emit()]);
        sources[Emit()].ShouldNotContain("new(\"");
        CompiledModels.Compile(new GeneratorRun(sources, [], null!)).ShouldNotBeEmpty();
    }

    [Fact]
    public void WithoutAnyModelTheBuildSaysSoInsteadOfNoMain()
    {
        // A spec named model.yml is not read: the project has the property and no model.
        GeneratorDriver driver = GeneratorHarness.CreateDriver(
            [],
            buildProperties: new Dictionary<string, string> { ["AssemblyName"] = "sketches", ["QdGenerateCommandLine"] = "true" });
        GeneratorDriverRunResult result = driver.RunGenerators(GeneratorHarness.CreateCompilation(["namespace App { internal static class Marker { } }"])).GetRunResult();
        Dictionary<string, string> sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        Diagnostic only = result.Diagnostics.ShouldHaveSingleItem();
        (only.Id, only.Severity, only.Location).ShouldBe(("QD0020", DiagnosticSeverity.Error, Location.None));
        only.GetMessage().ShouldBe("<QdGenerateCommandLine>true</QdGenerateCommandLine> is set but the project declares no model; add a spec named *.model.yaml (the generator reads only those) or a [Model] class, or remove the property");
        sources.Keys.ShouldBe([Emit()]);
        CompiledModels.Compile(new GeneratorRun(sources, [], null!)).ShouldNotBeEmpty("the entry point compiles, so QD0020 is the build's only error");

        GeneratorDriver off = GeneratorHarness.CreateDriver([], buildProperties: new Dictionary<string, string> { ["AssemblyName"] = "sketches" });
        GeneratorDriverRunResult quiet = off.RunGenerators(GeneratorHarness.CreateCompilation(["namespace App { internal static class Marker { } }"])).GetRunResult();
        quiet.Diagnostics.ShouldBeEmpty("without the property a project without models is not a mistake");
    }

    private static string Emit() => "QuickDrawDslProgram.g.cs";

    private static (Dictionary<string, string> Sources, IReadOnlyList<Diagnostic> Diagnostics) Run(bool enabled)
    {
        var properties = new Dictionary<string, string> { ["AssemblyName"] = "sketches" };
        if (enabled)
        {
            properties["QdGenerateCommandLine"] = "true";
        }

        GeneratorDriver driver = GeneratorHarness.CreateDriver(
            [new InMemoryAdditionalText("/src/A.model.yaml", WithSections), new InMemoryAdditionalText("/src/B.model.yaml", Plain), new InMemoryAdditionalText("/src/C.model.yaml", Broken)],
            buildProperties: properties);
        GeneratorDriverRunResult result = driver.RunGenerators(GeneratorHarness.CreateCompilation(["namespace App { internal static class Marker { } }"])).GetRunResult();
        return (result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString()), result.Diagnostics);
    }
}
