using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Experiments;

/// <summary>
/// What a project plugs into the generated command line from its <c>Configure</c> through
/// <see cref="ExperimentCommands.Customize"/>: a model sized by the classes on disk, a data format of its own that reads
/// options the project added, an export step that writes metadata of its own, and <c>--checkpoint-every</c>.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class ExperimentHooksTests : IDisposable
{
    private static readonly string[] Labels = ["apple", "banana", "eye"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-hooks-" + Guid.NewGuid().ToString("N"));

    public ExperimentHooksTests()
    {
        Directory.CreateDirectory(Data);
        foreach (string label in Labels)
        {
            File.WriteAllLines(Path.Combine(Data, label + ".ndjson"), File.ReadLines(Fixtures.PathOf("quickdraw", "simplified_100", label + ".ndjson")).Take(40));
        }
    }

    private string Data => Path.Combine(folder, "data");

    private string Output => Path.Combine(folder, "run");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void CreateForLabelsSizesTheModelByTheClassesInTheDataFolder()
    {
        // Without the hook the spec's 10 outputs do not match the 3 class files: the built-in rule refuses the run.
        CommandResult plain = Run(configure: null, "train", "--data", Data, "--output", Output, "--epochs", "1");
        plain.Code.ShouldBe(2);
        plain.ErrorLines.ShouldHaveSingleItem().ShouldContain("has 10 output classes but the .ndjson files in");

        var calls = new List<string[]>();
        CommandResult train = Run(SizedByLabels(calls), "train", "--data", Data, "--output", Output, "--epochs", "1");
        train.Code.ShouldBe(0, train.Error);
        calls.ShouldHaveSingleItem().ShouldBe(Labels);
        ModelWeights.ReadInfo(Path.Combine(Output, RunFiles.Weights)).Labels.ShouldBe(Labels);

        // evaluate and predict rebuild the model from the labels stored with the weights, not from the folder.
        File.WriteAllLines(Path.Combine(Data, "zebra.ndjson"), File.ReadLines(Path.Combine(Data, "eye.ndjson")).Select(l => l.Replace("\"eye\"", "\"zebra\"", StringComparison.Ordinal)));
        CommandResult evaluate = Run(SizedByLabels(calls), "evaluate", "--data", Data, "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        calls.Count.ShouldBe(2);
        calls[1].ShouldBe(Labels);

        string input = Path.Combine(folder, "some.ndjson");
        File.WriteAllLines(input, File.ReadLines(Path.Combine(Data, "banana.ndjson")).Take(4));
        CommandResult predict = Run(SizedByLabels(calls), "predict", "--output", Output, "--input", input, "--top", "3");
        predict.Code.ShouldBe(0, predict.Error);
        predict.OutLines.Length.ShouldBe(4);
        predict.OutLines.ShouldAllBe(l => l.Split('\t', StringSplitOptions.None).Length == 7, "number, then three labels with their probabilities");

        // The class count comes from the data, so a folder without class files is the run's one line.
        string empty = Path.Combine(folder, "empty");
        Directory.CreateDirectory(empty);
        CommandResult none = Run(SizedByLabels(calls), "train", "--data", empty, "--output", Path.Combine(folder, "run2"));
        none.Code.ShouldBe(2);
        none.ErrorLines.ShouldHaveSingleItem().ShouldContain($"--data {empty} holds no .ndjson files; give the folder that holds one <class>.ndjson a class");
    }

    [Fact]
    public void WeightsOfAnotherRunAreRefusedInOneLineAndExportLeavesTheModelFileAlone()
    {
        var calls = new List<string[]>();
        string two = Path.Combine(folder, "two");
        Directory.CreateDirectory(two);
        foreach (string label in Labels.Take(2))
        {
            File.Copy(Path.Combine(Data, label + ".ndjson"), Path.Combine(two, label + ".ndjson"));
        }

        Run(SizedByLabels(calls), "train", "--data", Data, "--output", Output, "--epochs", "1").Code.ShouldBe(0);
        string other = Path.Combine(folder, "run-two");
        Run(SizedByLabels(calls), "train", "--data", two, "--output", other, "--epochs", "1").Code.ShouldBe(0);
        Run(SizedByLabels(calls), "export", "--output", Output).Code.ShouldBe(0);
        byte[] exported = File.ReadAllBytes(Path.Combine(Output, RunFiles.Onnx));
        byte[] weights = File.ReadAllBytes(Path.Combine(Output, RunFiles.Weights));

        // A 2-class model's weights copied into the 3-class run: named with both files, not a libtorch error mid-evaluation.
        File.Copy(Path.Combine(other, RunFiles.Weights), Path.Combine(Output, RunFiles.Weights), overwrite: true);
        string expected = $"experiment: {Path.Combine(Output, RunFiles.Weights)} was trained on 2 classes (apple, banana), but the run's preprocessing.json lists 3 (apple, banana, eye)";
        foreach (string command in new[] { "evaluate", "export", "predict" })
        {
            string[] args = command == "predict" ? [command, "--output", Output, "--input", Path.Combine(Data, "eye.ndjson")] : [command, "--output", Output];
            CommandResult refused = Run(SizedByLabels(calls), args);
            refused.Code.ShouldBe(2, refused.Error);
            refused.ErrorLines.ShouldHaveSingleItem().ShouldStartWith(expected);
        }

        File.ReadAllBytes(Path.Combine(Output, RunFiles.Onnx)).ShouldBe(exported, "export refused before writing");

        // The run's own weights, truncated: the message says how to fix it.
        File.WriteAllBytes(Path.Combine(Output, RunFiles.Weights), weights[..(weights.Length / 2)]);
        CommandResult truncated = Run(SizedByLabels(calls), "evaluate", "--output", Output);
        truncated.Code.ShouldBe(2);
        truncated.ErrorLines.ShouldHaveSingleItem().ShouldEndWith("; train the run again with --force, or restore the file");
    }

    [Fact]
    public void AFormatOfTheProjectReadsTheDataWithAnOptionItAddedAndCheckpointEveryResumesMidEpoch()
    {
        // The project's format: the built-in reader, whose training loader stops after --fail-after batches (a kill).
        var failAfter = new Option<int?>("--fail-after") { Description = "Stop training after N batches" };
        void Configure(RootCommand root)
        {
            root.Subcommands.Single(c => c.Name == "train").Options.Add(failAfter);
            ExperimentCommands.Customize(root, "ExperimentSketchByClasses", m => m with
            {
                CreateForLabels = labels => new ExperimentSketchByClasses(new ExperimentSketchByClassesOptions { Classes = labels.Count }),
                Format = parse => new StoppingFormat(ExperimentFormat.For(DataFormat.QuickDrawNdjson), parse.GetValue(failAfter)),
            });
        }

        // 72 training drawings (60 %) in batches of 16: 5 a epoch. Killed after 3, with a checkpoint every 2 batches.
        CommandResult killed = Run(Configure, "train", "--data", Data, "--output", Output, "--batch-size", "16", "--checkpoint-every", "2", "--fail-after", "3");
        killed.Code.ShouldBe(1, killed.Error);
        killed.Error.ShouldContain("stopped after 3 batches");

        CommandResult resumed = Run(Configure, "train", "--data", Data, "--output", Output, "--batch-size", "16", "--resume");
        resumed.Code.ShouldBe(0, resumed.Error);
        resumed.Out.ShouldContain("at epoch 1/2, batch 3/5", Case.Sensitive, "the run continues after the second batch, where its last checkpoint was written");
        File.ReadAllLines(Path.Combine(Output, "metrics.csv")).Length.ShouldBe(3);

        // Without --checkpoint-every the checkpoint is written at the end of an epoch only: a kill mid-epoch keeps none.
        string other = Path.Combine(folder, "run2");
        Run(Configure, "train", "--data", Data, "--output", other, "--batch-size", "16", "--fail-after", "3").Code.ShouldBe(1);
        File.Exists(Path.Combine(other, RunFiles.Checkpoint)).ShouldBeFalse();

        CommandResult zero = Run(Configure, "train", "--data", Data, "--output", other, "--checkpoint-every", "0");
        zero.Code.ShouldBe(2);
        zero.ErrorLines.ShouldHaveSingleItem().ShouldContain("--checkpoint-every 0 must be at least 1");
    }

    [Fact]
    public void AnExporterWritesTheFileWithTheRunsPreprocessingAsMetadata()
    {
        var calls = new List<string[]>();
        Action<RootCommand> sized = SizedByLabels(calls);
        void Configure(RootCommand root)
        {
            sized(root);
            ExperimentCommands.Customize(root, "ExperimentSketchByClasses", m => m with
            {
                Exporter = request =>
                {
                    OnnxGraphBuilderFor(request).Save(request.OnnxPath);
                    Console.WriteLine($"exported with scale {request.Preprocessing.OffsetScale.ToString("R", CultureInfo.InvariantCulture)}");
                },
            });
        }

        Run(Configure, "train", "--data", Data, "--output", Output, "--epochs", "1").Code.ShouldBe(0);
        CommandResult export = Run(Configure, "export", "--output", Output);
        export.Code.ShouldBe(0, export.Error);

        Preprocessing preprocessing = Preprocessing.Load(Path.Combine(Output, RunFiles.Preprocessing));
        using var onnx = new OnnxPredictor(Path.Combine(Output, RunFiles.Onnx));
        onnx.Labels.ShouldBe(Labels);
        double.Parse(onnx.Metadata["test.offset_scale"], CultureInfo.InvariantCulture).ShouldBe(preprocessing.OffsetScale);
        preprocessing.OffsetScale.ShouldNotBe(1.0, "the training split's spread, measured");
        export.Out.ShouldContain("exported with scale " + preprocessing.OffsetScale.ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TrainingCallbacksRunInEachTrainAndTheProjectsRunFolderIsEveryCommandsDefault()
    {
        var recorders = new List<EpochRecorder>();
        var calls = new List<string[]>();
        Action<RootCommand> sized = SizedByLabels(calls);
        void Configure(RootCommand root)
        {
            sized(root);
            ExperimentCommands.Customize(root, "ExperimentSketchByClasses", m => m with
            {
                TrainingCallbacks = () =>
                {
                    var recorder = new EpochRecorder();
                    recorders.Add(recorder);
                    return [recorder];
                },
                OutputFolder = Output,
            });
        }

        // No --output: the project's folder; the callbacks see every epoch and the end of the run.
        CommandResult train = Run(Configure, "train", "--data", Data, "--epochs", "3");
        train.Code.ShouldBe(0, train.Error);
        File.Exists(Path.Combine(Output, RunFiles.Weights)).ShouldBeTrue();
        EpochRecorder recorder = recorders.ShouldHaveSingleItem();
        recorder.Epochs.Select(e => e.Epoch).ShouldBe([0, 1, 2]);
        recorder.Ended.ShouldBeTrue();

        // The best epoch line names the epoch with the lowest validation loss and its accuracy.
        EpochResult best = recorder.Epochs.MinBy(e => e.Get(MetricNames.ValidationLoss))!;
        train.OutLines.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"ExperimentSketchByClasses: best epoch {best.Epoch + 1} of 3 by val_loss: validation top-1 accuracy {best.Get(MetricNames.ValidationAccuracy):P1}; its weights are the ones saved"));

        // A second run gets fresh callbacks.
        Run(Configure, "train", "--data", Data, "--epochs", "1", "--force").Code.ShouldBe(0);
        recorders.Count.ShouldBe(2);
        recorders[1].Epochs.Count.ShouldBe(1);

        // evaluate reads the same folder and prints each class's test accuracy, worst first, under its metrics.
        CommandResult evaluate = Run(Configure, "evaluate");
        evaluate.Code.ShouldBe(0, evaluate.Error);
        int header = Array.FindIndex(evaluate.OutLines, l => l.StartsWith("class ", StringComparison.Ordinal));
        header.ShouldBeGreaterThan(0, evaluate.Out);
        string[][] rows = [.. evaluate.OutLines.Skip(header + 1).Take(Labels.Length).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        rows.Select(r => r[0]).Order(StringComparer.Ordinal).ShouldBe(Labels);
        double[] accuracies = [.. rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture))];
        accuracies.ShouldBe([.. accuracies.Order()], "worst class first");
        long tested = rows.Sum(r => long.Parse(r[3], CultureInfo.InvariantCulture));
        evaluate.OutLines.ShouldContain($"ExperimentSketchByClasses: {tested} test drawings; metrics in {Path.Combine(Output, RunFiles.Evaluation)}");
        double top1 = double.Parse(evaluate.OutLines.Single(l => l.StartsWith("test_accuracy ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);
        double weighted = rows.Sum(r => double.Parse(r[1], CultureInfo.InvariantCulture) / 100 * long.Parse(r[3], CultureInfo.InvariantCulture)) / tested;
        weighted.ShouldBe(top1, 0.01, "the classes' accuracies weighted by their examples make the top-1 accuracy");
    }

    [Fact]
    public void CustomizeRefusesAnUnknownModelARenameAndAForeignRoot()
    {
        RootCommand root = ExperimentCommands.Create("experiment", [Model()]);

        Should.Throw<ArgumentException>(() => ExperimentCommands.Customize(root, "Nope", m => m)).Message.ShouldContain("there is no model 'Nope'; the models are ExperimentSketchByClasses");
        Should.Throw<ArgumentException>(() => ExperimentCommands.Customize(root, "ExperimentSketchByClasses", m => m with { Name = "Other" })).Message.ShouldContain("a customized model keeps its name");
        Should.Throw<ArgumentException>(() => ExperimentCommands.Customize(new RootCommand(), "ExperimentSketchByClasses", m => m)).Message.ShouldContain("not built by ExperimentCommands.Create");
    }

    private static QuickDrawDsl.Runtime.Export.OnnxGraphBuilder OnnxGraphBuilderFor(ExportRequest request)
    {
        QuickDrawDsl.Runtime.Export.OnnxGraphBuilder builder = ((ExperimentSketchByClasses)request.Module).ToOnnx();
        builder.SetLabels(request.Preprocessing.Labels);
        builder.SetMetadata("test.offset_scale", request.Preprocessing.OffsetScale.ToString("R", CultureInfo.InvariantCulture));
        return builder;
    }

    private static Action<RootCommand> SizedByLabels(List<string[]> calls) => root =>
        ExperimentCommands.Customize(root, "ExperimentSketchByClasses", m => m with
        {
            CreateForLabels = labels =>
            {
                calls.Add([.. labels]);
                return new ExperimentSketchByClasses(new ExperimentSketchByClassesOptions { Classes = labels.Count });
            },
        });

    private static ExperimentModel Model() =>
        new("ExperimentSketchByClasses", () => new ExperimentSketchByClasses(), new ExperimentSketchByClassesTraining(), new ExperimentSketchByClassesData(), (m, p) => ((ExperimentSketchByClasses)m).ExportOnnx(p));

    private static CommandResult Run(Action<RootCommand>? configure, params string[] args) =>
        CommandRun.Capture(() => ExperimentCommands.Run("experiment", args, [Model()], configure));

    /// <summary>A project's training callback: records each epoch and the end of the run.</summary>
    private sealed class EpochRecorder : ITrainingCallback
    {
        public List<EpochResult> Epochs { get; } = [];

        public bool Ended { get; private set; }

        public void OnEpochEnd(TrainingContext context, EpochResult epoch) => Epochs.Add(epoch);

        public void OnTrainEnd(TrainingContext context, TrainingResult result) => Ended = true;
    }

    /// <summary>A project's format: another format's reading, with a training loader that throws after a number of batches.</summary>
    private sealed class StoppingFormat(ExperimentFormat inner, int? failAfter) : ExperimentFormat
    {
        public override TrainingTask Task => inner.Task;

        public override string Examples => inner.Examples;

        public override string DataDescription => inner.DataDescription;

        public override string InputDescription => inner.InputDescription;

        public override IReadOnlyList<string>? DataLabels(string path, DataSection data) => inner.DataLabels(path, data);

        public override void CheckPath(string path, DataSection data, ModelInfo info) => inner.CheckPath(path, data, info);

        public override void CheckModel(ModelInfo info, DataSection data) => inner.CheckModel(info, data);

        public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord) =>
            new StoppingData(inner.Load(data, path, info, seed, trained, onBadRecord), failAfter);

        public override int Predict(PredictRequest request) => inner.Predict(request);
    }

    private sealed class StoppingData(IExperimentData inner, int? failAfter) : IExperimentData
    {
        public Preprocessing Preprocessing => inner.Preprocessing;

        public DataReadReport Report => inner.Report;

        public IReadOnlyDictionary<string, long> UsableByClass => inner.UsableByClass;

        public int TrainCount => inner.TrainCount;

        public int ValidationCount => inner.ValidationCount;

        public int TestCount => inner.TestCount;

        public IBatchLoader Train(int batchSize, bool shuffle) =>
            failAfter is { } n ? new StoppingLoader((IResumableBatchLoader)inner.Train(batchSize, shuffle), n) : inner.Train(batchSize, shuffle);

        public IBatchLoader Validation(int batchSize) => inner.Validation(batchSize);

        public IBatchLoader Test(int batchSize) => inner.Test(batchSize);

        public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module) => inner.ExtraTestMetrics(module);

        public void Dispose() => inner.Dispose();
    }

    private sealed class StoppingLoader(IResumableBatchLoader inner, int failAfter) : IResumableBatchLoader
    {
        public int SampleCount => inner.SampleCount;

        public int BatchesPerEpoch => inner.BatchesPerEpoch;

        public IEnumerable<Batch> GetBatches(ShuffleRandom? random) => GetBatches(random, 0);

        public IEnumerable<Batch> GetBatches(ShuffleRandom? random, int skipBatches)
        {
            int served = 0;
            foreach (Batch batch in inner.GetBatches(random, skipBatches))
            {
                if (served++ == failAfter)
                {
                    batch.Dispose();
                    throw new InvalidOperationException($"stopped after {failAfter} batches");
                }

                yield return batch;
            }
        }
    }
}
