using System.IO;
using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Attributes;

/// <summary>A model declared with attributes generates the same module as its YAML equivalent.</summary>
public sealed class AttributeSpecTests
{
    private const string AttributeClass = """
        namespace QuickDrawDsl.Examples.Archetypes
        {
            [QuickDrawDsl.Model(QuickDrawDsl.ModelKind.Seq2Vec, Description = "Classifies a QuickDraw sketch given as stroke-3 points (dx, dy, pen lift).")]
            [QuickDrawDsl.ModelInput("strokes", "time", 3)]
            [QuickDrawDsl.ModelOutput("logits", 345)]
            [QuickDrawDsl.Layer("conv1d", "filters: 32, kernel: 5, stride: 2, padding: same")]
            [QuickDrawDsl.Layer("batchnorm")]
            [QuickDrawDsl.Layer("conv1d", "filters: 64, kernel: 5, stride: 2, padding: same")]
            [QuickDrawDsl.Layer("batchnorm")]
            [QuickDrawDsl.Layer("conv1d", "filters: 128, kernel: 3, stride: 2, padding: same")]
            [QuickDrawDsl.Layer("batchnorm")]
            [QuickDrawDsl.Layer("lstm", "units: 128, return_sequences: true")]
            [QuickDrawDsl.Layer("lstm", "units: 128")]
            [QuickDrawDsl.Layer("dense", "units: 345")]
            public partial class QuickDrawClassifier
            {
            }
        }
        """;

    [Fact]
    public void AttributeSpecGeneratesTheSameModuleAsTheYaml()
    {
        GeneratorRun fromYaml = GeneratorRun.Of(("/src/Models/QuickDrawClassifier.model.yaml", RepoFiles.ArchetypeSpec("QuickDrawClassifier")));
        GeneratorRun fromAttributes = GeneratorRun.Of(WithAttributes(AttributeClass));

        fromAttributes.Diagnostics.ShouldBeEmpty();
        const string hint = "QuickDrawDsl.Examples.Archetypes.QuickDrawClassifier.g.cs";
        string yaml = fromYaml.Sources[hint];
        string attributes = fromAttributes.Sources[hint];

        // Only the provenance and 'sealed' (the user's partial class decides) may differ.
        Normalize(attributes, "Source0.cs").ShouldBe(Normalize(yaml, "QuickDrawClassifier.model.yaml"));
        fromAttributes.Sources["QuickDrawDsl.Examples.Archetypes.QuickDrawClassifierOptions.g.cs"]
            .Replace("Source0.cs", "X").ShouldBe(fromYaml.Sources["QuickDrawDsl.Examples.Archetypes.QuickDrawClassifierOptions.g.cs"].Replace("QuickDrawClassifier.model.yaml", "X"));
    }

    [Fact]
    public void AttributeErrorsPointAtTheAttribute()
    {
        string source = """
            namespace App
            {
                [QuickDrawDsl.Model(QuickDrawDsl.ModelKind.Seq2Vec)]
                [QuickDrawDsl.ModelInput("x", "time", 3)]
                [QuickDrawDsl.Layer("lstm", "units: 8, retrun_sequences: true")]
                [QuickDrawDsl.Layer("dense", "units: 2")]
                public partial class Net { }
            }
            """;
        GeneratorRun run = GeneratorRun.Of(WithAttributes(source));

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe(["Source0.cs(5,6): error QD0002: Unknown key 'retrun_sequences' in layer 'lstm'; did you mean 'return_sequences'?"]);
    }

    [Fact]
    public void ShapeErrorsOfAttributeModelsPointAtTheLayer()
    {
        string source = """
            namespace App
            {
                [QuickDrawDsl.Model(QuickDrawDsl.ModelKind.Seq2Vec)]
                [QuickDrawDsl.ModelInput("x", "time", 3)]
                [QuickDrawDsl.Layer("lstm", "units: 8, return_sequences: true")]
                [QuickDrawDsl.Layer("dense", "units: 2")]
                public partial class Net { }
            }
            """;
        GeneratorRun run = GeneratorRun.Of(WithAttributes(source));

        run.Diagnostics.Single().Id.ShouldBe("QD0101");
        run.Messages.Single().ShouldStartWith("Source0.cs(6,6): error QD0101");
    }

    [Fact]
    public void NonPartialClassIsRejected()
    {
        GeneratorRun run = GeneratorRun.Of(WithAttributes("namespace App { [QuickDrawDsl.Model] [QuickDrawDsl.ModelInput(\"x\", 4)] [QuickDrawDsl.Layer(\"dense\", \"units: 2\")] public class Net { } }"));

        run.Messages.ShouldBe(["Source0.cs(1,127): error QD0013: [Model] class 'Net' must be a top-level, non-generic partial class: add the 'partial' modifier"]);
    }

    [Fact]
    public void YamlAndAttributeModelsWithTheSameNameAreDuplicates()
    {
        GeneratorRun run = GeneratorRun.Of(
            WithAttributes(AttributeClass),
            ("/src/Models/QuickDrawClassifier.model.yaml", RepoFiles.ArchetypeSpec("QuickDrawClassifier")));

        run.Diagnostics.Select(d => d.Id).ShouldBe(["QD0006"]);
        run.Sources.Count.ShouldBe(2);
    }

    /// <summary>The test compilation gets the real attribute declarations from Runtime/Attributes.</summary>
    private static string[] WithAttributes(string source) =>
        [source, .. Directory.GetFiles(Path.Combine(RepoFiles.Root(), "Runtime", "Attributes"), "*.cs").OrderBy(f => f, System.StringComparer.Ordinal).Select(File.ReadAllText)];

    private static string Normalize(string source, string provenance) =>
        source.Replace(provenance, "<source>").Replace("public sealed partial class", "public partial class");
}
