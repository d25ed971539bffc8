using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using QuickDrawDsl.Testing;

namespace QuickDrawDsl.Generator.Tests.Sections;

/// <summary>Each bad <c>training:</c>/<c>data:</c> section gives located errors that say what to change, and no generated code.</summary>
public sealed class SectionDiagnosticTests
{
    private const string Classifier = "model: Net\nkind: seq2vec\ninput: { name: x, shape: [time, 3] }\noutput: { name: y, shape: [4] }\nlayers:\n  - gru: { units: 8 }\n  - dense: { units: 4 }\n";

    private const string Forecaster = "model: Net\nkind: seq2vec\ninput: { name: x, shape: [24, 1] }\nlayers:\n  - gru: { units: 8 }\n  - dense: { units: 1 }\n";

    private const string Video = "model: Net\ninput: { name: clip, shape: [3, 8, 16, 16] }\nlayers:\n  - conv3d: { filters: 4, kernel: 3 }\n  - global_avgpool: {}\n  - dense: { units: 2 }\n";

    public static TheoryData<string, string> BadSections => new()
    {
        { "UnknownTrainingKey", Classifier + "training:\n  epoch: 5\n  learning_rat: 0.01\n" },
        { "UnknownDataKey", Classifier + "data:\n  format: quickdraw_ndjson\n  pth: data/\n" },
        { "EnumValueDidYouMean", Classifier + "training:\n  optimizer: adamm\n  schedule: cosin\n  loss: crossentropy\n  device: gpu\n" },
        { "OutOfRange", Classifier + "training:\n  epochs: 0\n  learning_rate: -0.1\n  label_smoothing: 1\n  batch_size: 99999999999\n  gamma: 0\n" },
        { "WrongTypes", Classifier + "training:\n  epochs: ten\n  nesterov: yes\n  metrics: accuracy\n  early_stopping: 3\ndata: [csv]\n" },
        { "MetricsListProblems", Classifier + "training:\n  metrics: [accuracy, f2, accuracy, mae]\n" },
        { "SettingForAnotherOptimizer", Classifier + "training:\n  optimizer: adam\n  momentum: 0.9\n  schedule: cosine\n  step_size: 5\n" },
        { "SettingForAnotherLoss", Forecaster + "training:\n  loss: mse\n  label_smoothing: 0.1\n  class_weights: balanced\n  top_k: 3\n  huber_delta: 2\n" },
        { "ClassCountConflicts", Classifier + "training:\n  top_k: 5\n  class_weights: [1, 2, 3]\n" },
        { "EarlyStoppingMonitor", Classifier + "training:\n  early_stopping: { monitor: val_acuracy, patience: 0 }\n" },
        { "WarmupAndFloor", Classifier + "training:\n  epochs: 5\n  warmup_epochs: 5\n  schedule: cosine\n  learning_rate: 0.01\n  min_learning_rate: 0.1\n" },
        { "MissingFormat", Classifier + "data:\n  path: data/\n" },
        { "SettingForAnotherFormat", Classifier + "data:\n  format: quickdraw_ndjson\n  window: 30\n  frames: 8\n  array_key: x\n" },
        { "CsvNeedsWindow", Forecaster + "training: { loss: mse }\ndata: { format: csv }\n" },
        { "WindowConflictsWithInput", Forecaster + "training: { loss: mse }\ndata: { format: csv, window: 30 }\n" },
        { "FormatConflictsWithLoss", Forecaster + "training: { loss: mae }\ndata: { format: quickdraw_ndjson }\n" },
        { "VideoClipsConflicts", Video + "data: { format: video_clips, frames: 16, frame_size: 32 }\n" },
        { "SplitsLeaveNothing", Classifier + "data:\n  format: npy\n  splits: { validation: 0.5, test: 0.5, by: random }\n" },
        { "ClassWeightsProblems", Classifier + "training:\n  class_weights: [1, -2, x, 4]\n" },
        { "SectionNotAMapping", Classifier + "training: fast\n" },
    };

    [Theory]
    [MemberData(nameof(BadSections))]
    public void BadSectionGivesLocatedErrors(string name, string spec)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", spec));

        run.Sources.ShouldBeEmpty();
        run.Diagnostics.ShouldNotBeEmpty();
        run.Diagnostics.ShouldAllBe(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Id.StartsWith("QD"));
        run.Result.Results.ShouldAllBe(r => r.Exception == null);
        Approvals.Verify(string.Join("\n", run.Messages) + "\n", $"{nameof(SectionDiagnosticTests)}.{nameof(BadSectionGivesLocatedErrors)}#{name}", "txt", SnapshotFolder.Relative);
    }

    [Fact]
    public void MisspeltKeyPointsAtTheKeyAndSuggestsTheClosest()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Classifier + "training:\n  learning_rat: 0.01\n"));

        run.Messages.ShouldBe(["Net.model.yaml(9,3): error QD0002: Unknown key 'learning_rat' in 'training'; did you mean 'learning_rate'?"]);
    }

    [Fact]
    public void MisspeltTopLevelSectionSuggestsIt()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Classifier + "trainig:\n  epochs: 3\n"));

        run.Messages.ShouldBe(["Net.model.yaml(8,1): error QD0002: Unknown key 'trainig' in the spec; did you mean 'training'?"]);
    }

    [Fact]
    public void EverySectionProblemIsReportedInOneBuild()
    {
        string spec = Classifier + "training:\n  epochs: 0\n  optimizer: adamm\n  colour: red\ndata:\n  format: csvv\n";
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", spec));

        run.Diagnostics.Select(d => d.Id).ShouldBe(["QD0008", "QD0008", "QD0002", "QD0008"]);
        run.Diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).ShouldBe([9, 10, 11, 13]);
    }
}
