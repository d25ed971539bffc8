using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Runtime.Tests.Experiments;

/// <summary>
/// The run's <c>train-settings.json</c>: what the generated <c>train</c> was started with (data, classes, seed, spec and
/// split settings, a project format's own included), refused on <c>--resume</c> when any of them changes, and handed back
/// to <c>evaluate</c>, which reads the run's data and split without being told again.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class TrainSettingsTests : IDisposable
{
    private static readonly string[] Labels = ["apple", "banana", "eye"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-settings-" + Guid.NewGuid().ToString("N"));

    public TrainSettingsTests()
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
    public void TrainRecordsWhatTheRunWasStartedWithAndResumeRefusesAnyChangeInOneLine()
    {
        var formats = new List<SplitFormat>();
        CommandResult train = Run(Configure(formats), "train", "--data", Data, "--output", Output, "--epochs", "1", "--seed", "7", "--holdout", "5");
        train.Code.ShouldBe(0, train.Error);

        TrainSettings saved = TrainSettings.Load(Path.Combine(Output, RunFiles.TrainSettings)).ShouldNotBeNull();
        saved.Model.ShouldBe("ExperimentSketchByClasses");
        saved.SpecHash.ShouldBe(ModelSpecHash.Of(ExperimentSketchByClasses.Info));
        saved.Labels.ShouldBe(Labels);
        saved.Settings["--data"].ShouldBe(Path.GetFullPath(Data));
        saved.Settings["--seed"].ShouldBe("7");
        saved.Settings["data.format"].ShouldBe("quickdraw_ndjson");
        saved.Settings["data.splits.test"].ShouldBe("0.2");
        saved.Settings["data.splits.by"].ShouldBe("hash");
        saved.Settings["--holdout"].ShouldBe("5", "the project format's own split setting");
        saved.Settings.ContainsKey("--max-per-class").ShouldBeFalse();

        // Each change is refused before anything is read or written, naming the setting and the run's value.
        string copy = Path.Combine(folder, "copy");
        Directory.CreateDirectory(copy);
        foreach (string label in Labels)
        {
            File.Copy(Path.Combine(Data, label + ".ndjson"), Path.Combine(copy, label + ".ndjson"));
        }

        string run = Output;
        (string[] Args, string Message)[] changes =
        [
            (["--data", Data, "--seed", "8"], $"--resume: the run in {run} was started with --seed 7, and this command asks for 8; resume with the run's settings, or pass --force to start over"),
            (["--data", Data, "--seed", "7", "--holdout", "6"], $"--resume: the run in {run} was started with --holdout 5, and this command asks for 6;"),
            (["--seed", "7", "--holdout", "5", "--data", copy], $"--resume: the run in {run} was started with --data {Path.GetFullPath(Data)}, and this command asks for {Path.GetFullPath(copy)};"),
            (["--data", Data, "--seed", "7", "--holdout", "5", "--max-per-class", "30"], $"--resume: the run in {run} was started without --max-per-class, and this command asks for --max-per-class 30;"),
        ];
        foreach ((string[] args, string message) in changes)
        {
            CommandResult refused = Run(Configure(formats), ["train", "--output", Output, "--resume", .. args]);
            refused.Code.ShouldBe(2, string.Join(' ', args));
            refused.ErrorLines.ShouldHaveSingleItem().ShouldStartWith("experiment: " + message);
        }

        File.WriteAllLines(Path.Combine(Data, "zebra.ndjson"), File.ReadLines(Path.Combine(Data, "eye.ndjson")).Select(l => l.Replace("\"eye\"", "\"zebra\"", StringComparison.Ordinal)));
        CommandResult added = Run(Configure(formats), "train", "--data", Data, "--output", Output, "--resume", "--seed", "7", "--holdout", "5");
        added.Code.ShouldBe(2);
        added.ErrorLines.ShouldHaveSingleItem().ShouldStartWith($"experiment: --resume: the run in {run} was started with labels apple,banana,eye, and this command asks for apple,banana,eye,zebra;");
        File.Delete(Path.Combine(Data, "zebra.ndjson"));
        File.ReadAllLines(Path.Combine(Output, "metrics.csv")).Length.ShouldBe(2, "no refused command touched the run");

        // The same settings continue the run.
        CommandResult resumed = Run(Configure(formats), "train", "--data", Data, "--output", Output, "--resume", "--seed", "7", "--holdout", "5", "--epochs", "2");
        resumed.Code.ShouldBe(0, resumed.Error);
        File.ReadAllLines(Path.Combine(Output, "metrics.csv")).Length.ShouldBe(3);

        // evaluate, told neither the data nor the split, reads the run's: its data folder and the format's recorded setting.
        formats.Clear();
        CommandResult evaluate = Run(Configure(formats), "evaluate", "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        formats.Last().Holdout.ShouldBe(5, "evaluate's format was given the run's --holdout");
        formats.Last().LoadedFrom.ShouldBe(Path.GetFullPath(Data));
    }

    [Fact]
    public void ABrokenSettingsFileIsOneLineThatNamesItAndTheFix()
    {
        Directory.CreateDirectory(Output);
        string file = Path.Combine(Output, RunFiles.TrainSettings);
        File.WriteAllText(file, "{ \"model\": ");
        CommandResult notJson = Run(Configure([]), "train", "--data", Data, "--output", Output, "--resume");
        notJson.Code.ShouldBe(2);
        notJson.ErrorLines.ShouldHaveSingleItem().ShouldContain($"{file} is not valid JSON (");
        notJson.ErrorLines[0].ShouldEndWith("train again with --force, or restore the file");

        File.WriteAllText(file, "{ \"model\": \"ExperimentSketchByClasses\", \"spec_hash\": \"ab\", \"labels\": [\"a\"] }");
        CommandResult partial = Run(Configure([]), "train", "--data", Data, "--output", Output, "--resume");
        partial.Code.ShouldBe(2);
        partial.ErrorLines.ShouldHaveSingleItem().ShouldContain($"{file} is not a run's settings (field 'settings' is missing or wrong)");
    }

    private static Action<RootCommand> Configure(List<SplitFormat> formats)
    {
        var holdout = new Option<int?>("--holdout") { Description = "A setting of the project's format that decides the split" };
        return root =>
        {
            root.Subcommands.Single(c => c.Name == "train").Options.Add(holdout);
            ExperimentCommands.Customize(root, "ExperimentSketchByClasses", m => m with
            {
                CreateForLabels = labels => new ExperimentSketchByClasses(new ExperimentSketchByClassesOptions { Classes = labels.Count }),
                Format = parse =>
                {
                    var format = new SplitFormat(parse.GetResult(holdout) is { Implicit: false } ? parse.GetValue(holdout) : null, formats);
                    formats.Add(format);
                    return format;
                },
            });
        };
    }

    private static ExperimentModel Model() =>
        new("ExperimentSketchByClasses", () => new ExperimentSketchByClasses(), new ExperimentSketchByClassesTraining(), new ExperimentSketchByClassesData(), (m, p) => ((ExperimentSketchByClasses)m).ExportOnnx(p));

    private static CommandResult Run(Action<RootCommand>? configure, params string[] args) =>
        CommandRun.Capture(() => ExperimentCommands.Run("experiment", args, [Model()], configure));

    /// <summary>The built-in drawings with a split setting of the project's own, recorded and handed back.</summary>
    private sealed class SplitFormat(int? holdout, List<SplitFormat> created) : ExperimentFormat
    {
        private readonly ExperimentFormat inner = For(DataFormat.QuickDrawNdjson);

        public int? Holdout => holdout;

        public string? LoadedFrom { get; private set; }

        public override TrainingTask Task => inner.Task;

        public override string Examples => inner.Examples;

        public override string DataDescription => inner.DataDescription;

        public override string InputDescription => inner.InputDescription;

        public override IReadOnlyList<string>? DataLabels(string path, DataSection data) => inner.DataLabels(path, data);

        public override IReadOnlyList<KeyValuePair<string, string>> SplitSettings(DataSection data) =>
            holdout is { } n ? [new("--holdout", n.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [];

        public override ExperimentFormat WithSplitSettings(IReadOnlyDictionary<string, string> recorded)
        {
            var format = new SplitFormat(int.Parse(recorded["--holdout"], System.Globalization.CultureInfo.InvariantCulture), created);
            created.Add(format);
            return format;
        }

        public override void CheckPath(string path, DataSection data, ModelInfo info) => inner.CheckPath(path, data, info);

        public override void CheckModel(ModelInfo info, DataSection data) => inner.CheckModel(info, data);

        public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord)
        {
            LoadedFrom = Path.GetFullPath(path);
            return inner.Load(data, path, info, seed, trained, onBadRecord);
        }

        public override int Predict(PredictRequest request) => inner.Predict(request);
    }
}
