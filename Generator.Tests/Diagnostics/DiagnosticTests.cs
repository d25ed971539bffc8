using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using QuickDrawDsl.Testing;

namespace QuickDrawDsl.Generator.Tests.Diagnostics;

/// <summary>Each bad spec gives a located error that says what to change, and no generated code.</summary>
public sealed class DiagnosticTests
{
    private const string Valid = """
        model: Net
        kind: seq2vec
        input: { name: x, shape: [time, 3] }
        layers:
          - lstm: { units: 8 }
          - dense: { units: 2 }
        """;

    public static TheoryData<string, string> BadSpecs => new()
    {
        { "YamlSyntax", "model: Net\ninput: { shape: [time, 3]\nlayers: []\n" },
        { "UnknownKey", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8, retrun_sequences: true }\n" },
        { "UnknownTopLevelKey", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayer:\n  - dense: { units: 2 }\n" },
        { "MissingField", "model: Net\ninput: { name: x, shape: [4] }\nlayers:\n  - dense: {}\n" },
        { "MissingInput", "model: Net\nlayers:\n  - dense: { units: 2 }\n" },
        { "WrongType", "model: Net\ninput: { name: x, shape: [4] }\nlayers:\n  - dense: { units: many }\n" },
        { "InvalidIdentifier", "model: 2Net\ninput: { name: x, shape: [4] }\nlayers:\n  - dense: { units: 2, name: class }\n" },
        { "DuplicateLayerName", "model: Net\ninput: { name: x, shape: [4] }\nlayers:\n  - dense: { units: 2, name: head }\n  - dense: { units: 2, name: head }\n" },
        { "InvalidValue", "model: Net\nkind: seq2vex\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - conv1d: { filters: 4, kernel: 3, padding: sam }\n" },
        { "MalformedLayer", "model: Net\ninput: { name: x, shape: [4] }\nlayers:\n  - dense: { units: 2 }\n    dropout: {}\n" },
        { "UnknownLayer", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstn: { units: 8 }\n" },
        { "UnknownOption", "model: Net\ninput: { name: x, shape: [4] }\noptions: { hidden: 8 }\nlayers:\n  - dense: { units: $hiden }\n" },
        { "EmptyLayers", "model: Net\ninput: { name: x, shape: [4] }\nlayers: []\n" },
        { "DenseOnSequence", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8, return_sequences: true }\n  - dense: { units: 2 }\n" },
        { "KernelTooLarge", "model: Net\ninput: { name: x, shape: [4, 3] }\nlayers:\n  - conv1d: { filters: 4, kernel: 5 }\n" },
        { "RecurrentNeedsSequence", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8, return_sequences: false }\n  - lstm: { units: 8 }\n" },
        { "Seq2VecOutput", "model: Net\nkind: seq2vec\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8, return_sequences: true }\n" },
        { "MissingOutputLength", "model: Net\nkind: vec2seq\ninput: { name: z, shape: [4] }\nlayers:\n  - dense: { units: 8 }\n  - repeat_vector: {}\n  - lstm: { units: 8 }\n" },
        { "OutputMismatch", "model: Net\ninput: { name: x, shape: [4] }\noutput: { name: y, shape: [3] }\nlayers:\n  - dense: { units: 2 }\n" },
        { "WrongRank", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - conv2d: { filters: 4, kernel: 3 }\n" },
        { "FlattenDynamic", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - flatten: {}\n" },
        { "DecoderState", "model: Net\nkind: seq2seq\ninput: { name: x, shape: [time, 1] }\noutput: { name: y, shape: [7, 1] }\nlayers:\n  - gru: { units: 32 }\ndecoder:\n  cell: gru\n  units: 64\n  head: [ { dense: { units: 1 } } ]\n" },
        { "KindMismatch", "model: Net\nkind: vec2seq\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8 }\n" },
        { "ReturnSequencesConflict", "model: Net\nkind: seq2seq\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8, return_sequences: false }\n" },
        { "AttentionHeadsDoNotDivide", "model: Net\ninput: { name: x, shape: [time, 6] }\nlayers:\n  - attention: { heads: 4 }\n  - global_avgpool: {}\n  - dense: { units: 2 }\n" },
        { "AttentionOnVector", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8 }\n  - attention: { heads: 2 }\n" },
        { "RecurrentDropoutSingleLayer", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - gru: { units: 8, dropout: 0.2 }\n  - dense: { units: 2 }\n" },
        { "ResidualShape", "model: Net\nkind: seq2seq\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - residual:\n      - conv1d: { filters: 3, kernel: 3, padding: same }\n      - maxpool: { size: 2 }\n" },
        { "NotAMapping", "- just\n- a list\n" },
        { "EmptyFile", "" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void BadSpecGivesLocatedErrors(string name, string spec)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", spec));

        run.Sources.ShouldBeEmpty();
        run.Diagnostics.ShouldNotBeEmpty();
        run.Diagnostics.ShouldAllBe(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Id.StartsWith("QD"));
        run.Result.Results.ShouldAllBe(r => r.Exception == null);
        Approvals.Verify(string.Join("\n", run.Messages) + "\n", $"{nameof(DiagnosticTests)}.{nameof(BadSpecGivesLocatedErrors)}#{name}", "txt", SnapshotFolder.Relative);
    }

    [Fact]
    public void UnknownKeyPointsAtTheKeyAndSuggestsTheClosest()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", "model: Net\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8, retrun_sequences: true }\n"));

        run.Messages.ShouldBe(["Net.model.yaml(4,23): error QD0002: Unknown key 'retrun_sequences' in layer 'lstm'; did you mean 'return_sequences'?"]);
    }

    [Fact]
    public void EveryProblemInAFileIsReportedInOneBuild()
    {
        string spec = "model: Net\ninput: { name: x, shape: [4] }\nlayers:\n  - dense: { units: 2, colour: red }\n  - dropout: { rate: 1.5 }\n  - bogus: {}\n";
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", spec));

        run.Diagnostics.Select(d => d.Id).ShouldBe(["QD0002", "QD0008", "QD0010"]);
        run.Diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).ShouldBe([4, 5, 6]);
    }

    [Fact]
    public void DuplicateModelNamesAcrossFilesAreReported()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/A/Net.model.yaml", Valid), ("/src/B/Net.model.yaml", Valid));

        run.Diagnostics.Select(d => d.Id).ShouldBe(["QD0006"]);
        run.Messages.Single().ShouldStartWith("Net.model.yaml(1,8): error QD0006: Model 'Net' is declared more than once");
    }

    [Fact]
    public void ValidSpecHasNoDiagnostics()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Valid));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.Count.ShouldBe(2);
    }
}
