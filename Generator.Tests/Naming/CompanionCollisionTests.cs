using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using QuickDrawDsl.Testing;

namespace QuickDrawDsl.Generator.Tests.Naming;

/// <summary>
/// A model named like a type another model or the generated command line declares is QD0015 at the model's name, and
/// the message names what that type is: the options, training or data record, the typed predictor, or the entry point.
/// </summary>
public sealed class CompanionCollisionTests
{
    private const string Plain = "input: { shape: [4] }\nlayers:\n  - dense: { units: 2 }\n";

    private const string Classifier = "kind: seq2vec\ninput: { name: strokes, shape: [time, 3] }\nlabels: [a, b]\nlayers:\n  - gru: { units: 4 }\n  - dense: { units: 2 }\n";

    public static TheoryData<string, string, string, string, string> Collisions => new()
    {
        // name, first spec (path order), second spec, the message, the colliding model's file
        { "TrainingRecord", "model: Net\n" + Plain + "training: {}\n", "model: NetTraining\n" + Plain, "Model 'NetTraining' and the training record of model 'Net' (A.model.yaml) both become type 'QuickDrawDsl.Examples.Archetypes.NetTraining'", "B" },
        { "DataRecord", "model: Net\n" + Plain + "data: { format: npy }\n", "model: NetData\n" + Plain, "Model 'NetData' and the data record of model 'Net' (A.model.yaml) both become type 'QuickDrawDsl.Examples.Archetypes.NetData'", "B" },
        { "TypedPredictor", "model: Sketch\n" + Classifier, "model: SketchPredictor\n" + Plain, "Model 'SketchPredictor' and the typed predictor of model 'Sketch' (A.model.yaml) both become type 'QuickDrawDsl.Examples.Archetypes.SketchPredictor'", "B" },
        { "RecordOfTheLaterModel", "model: NetTraining\n" + Plain, "model: Net\n" + Plain + "training: {}\n", "The training record of model 'Net' and model 'NetTraining' (A.model.yaml) both become type 'QuickDrawDsl.Examples.Archetypes.NetTraining'", "B" },
        { "OptionsRecord", "model: Net\n" + Plain, "model: NetOptions\n" + Plain, "Model 'NetOptions' and the options record of model 'Net' (A.model.yaml) both become type 'QuickDrawDsl.Examples.Archetypes.NetOptions'", "B" },
    };

    [Theory]
    [MemberData(nameof(Collisions))]
    public void AModelNamedLikeAnotherModelsCompanionTypeIsALocatedErrorThatNamesTheKind(string name, string first, string second, string message, string file)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/A.model.yaml", first), ("/src/B.model.yaml", second));

        run.Messages.ShouldBe([$"{file}.model.yaml(1,8): error QD0015: {message}; rename one of the models"]);
        run.Result.Results.ShouldAllBe(r => r.Exception == null);
        run.CompileProblems().ShouldBeEmpty("the first model keeps compiling; the second is not emitted");
        Approvals.Verify(string.Join("\n", run.Messages.Concat(run.Sources.Keys.Order())) + "\n", $"{nameof(CompanionCollisionTests)}.{nameof(AModelNamedLikeAnotherModelsCompanionTypeIsALocatedErrorThatNamesTheKind)}#{name}", "txt", SnapshotFolder.Relative);
    }

    [Fact]
    public void AModelNamedLikeTheGeneratedEntryPointIsALocatedErrorNotUncompilableCode()
    {
        GeneratorRun run = RunWithCommandLine("model: QuickDrawDslProgram\n" + Plain);

        run.Messages.ShouldBe(["QuickDrawDslProgram.model.yaml(1,8): error QD0015: Model 'QuickDrawDslProgram' and the entry point of <QdGenerateCommandLine>true</QdGenerateCommandLine> both become type 'QuickDrawDsl.Examples.Archetypes.QuickDrawDslProgram'; rename the model"]);
        run.Sources.Keys.ShouldNotContain("QuickDrawDslProgram.g.cs");
        run.CompileProblems().ShouldBeEmpty("the model itself is emitted and compiles; only the entry point is left out");
        Approvals.Verify(string.Join("\n", run.Messages.Concat(run.Sources.Keys.Order())) + "\n", $"{nameof(CompanionCollisionTests)}.{nameof(AModelNamedLikeTheGeneratedEntryPointIsALocatedErrorNotUncompilableCode)}", "txt", SnapshotFolder.Relative);
    }

    [Fact]
    public void TheSameNameInAnotherNamespaceLeavesTheEntryPointAlone()
    {
        GeneratorRun run = RunWithCommandLine("model: QuickDrawDslProgram\nnamespace: App.Models\n" + Plain);

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.Keys.ShouldContain("QuickDrawDslProgram.g.cs");
        run.CompileProblems().ShouldBeEmpty();
    }

    private static GeneratorRun RunWithCommandLine(string spec)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(
            [new InMemoryAdditionalText("/src/QuickDrawDslProgram.model.yaml", spec)],
            buildProperties: new Dictionary<string, string> { ["AssemblyName"] = "app", ["QdGenerateCommandLine"] = "true" });
        GeneratorDriverRunResult result = driver.RunGenerators(GeneratorHarness.CreateCompilation(["namespace App { internal static class Marker { } }"])).GetRunResult();
        return new GeneratorRun(result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString()), result.Diagnostics.ToList(), result);
    }
}
