using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using QuickDrawDsl.Runtime.Training.Metrics;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// The command line of a project's models, driven by their <c>training:</c> and <c>data:</c> sections:
/// <c>train | evaluate | export | predict | summary</c>, each with <c>--model</c> when the project has several models.
/// Command-line values override the sections and are checked by the same rules (one line and exit code 2 when wrong).
/// The generated entry point (<c>&lt;QdGenerateCommandLine&gt;true&lt;/QdGenerateCommandLine&gt;</c>) is one call to
/// <see cref="Run(string, string[], IReadOnlyList{ExperimentModel}, Action{RootCommand})"/>, whose last argument calls the
/// program's <c>static partial void Configure(RootCommand root)</c>: the project's own commands, when it implements it.
/// </summary>
public static class ExperimentCommands
{
    // The models each root command was built with; Customize replaces one, and the actions read them when they run.
    private static readonly ConditionalWeakTable<RootCommand, ExperimentModel[]> ModelsOf = new();

    /// <summary>Runs the command line.</summary>
    /// <param name="program">The program's name, in messages and help.</param>
    /// <param name="args">The command line.</param>
    /// <param name="models">The project's models.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string program, string[] args, IReadOnlyList<ExperimentModel> models) =>
        Run(program, args, models, configure: null);

    /// <summary>Runs the command line with the project's own commands and options added to the built-in ones.</summary>
    /// <param name="program">The program's name, in messages and help.</param>
    /// <param name="args">The command line.</param>
    /// <param name="models">The project's models.</param>
    /// <param name="configure">Adds commands or options to the root command (after <c>train | evaluate | export | predict | summary</c>); null adds none.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string program, string[] args, IReadOnlyList<ExperimentModel> models, Action<RootCommand>? configure)
    {
        RootCommand root = Create(program, models);
        configure?.Invoke(root);
        return CommandLineProgram.Run(root, args, program);
    }

    /// <summary>Builds the commands.</summary>
    /// <param name="program">The program's name.</param>
    /// <param name="models">The project's models (at least one).</param>
    /// <returns>The root command.</returns>
    public static RootCommand Create(string program, IReadOnlyList<ExperimentModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            throw new ArgumentException("give at least one model.", nameof(models));
        }

        var root = new RootCommand($"{program}: train, evaluate, export and run {string.Join(", ", models.Select(m => m.Name))} as their specs' training: and data: sections say.");
        ExperimentModel[] current = [.. models];
        ModelsOf.AddOrUpdate(root, current);
        root.Subcommands.Add(Train(program, current));
        root.Subcommands.Add(Evaluate(program, current));
        root.Subcommands.Add(Export(program, current));
        root.Subcommands.Add(Predict(program, current));
        root.Subcommands.Add(Summary(current));
        return root;
    }

    /// <summary>
    /// Changes one model of a command line built by <see cref="Create"/>, typically from the generated program's
    /// <c>Configure</c>: sets its hooks (<see cref="ExperimentModel.CreateForLabels"/>, <see cref="ExperimentModel.Format"/>,
    /// <see cref="ExperimentModel.Exporter"/>) or its sections' defaults. Every built-in command uses the changed model.
    /// </summary>
    /// <example><code>
    /// ExperimentCommands.Customize(root, "Sketches", m => m with { CreateForLabels = labels => new Sketches(new SketchesOptions { Classes = labels.Count }) });
    /// </code></example>
    /// <param name="root">The root command (the one <c>Configure</c> receives).</param>
    /// <param name="model">The model's name.</param>
    /// <param name="change">Returns the changed model (<c>m =&gt; m with { ... }</c>); it keeps its name.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> was not built by <see cref="Create"/>, the model does not exist, or the change renames it.</exception>
    public static void Customize(RootCommand root, string model, Func<ExperimentModel, ExperimentModel> change)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(change);
        if (!ModelsOf.TryGetValue(root, out ExperimentModel[]? models))
        {
            throw new ArgumentException("this root command was not built by ExperimentCommands.Create.", nameof(root));
        }

        int index = Array.FindIndex(models, m => m.Name == model);
        if (index < 0)
        {
            throw new ArgumentException($"there is no model '{model}'; the models are {string.Join(", ", models.Select(m => m.Name))}.", nameof(model));
        }

        ExperimentModel changed = change(models[index]) ?? throw new ArgumentException("the change returned null.", nameof(change));
        if (changed.Name != model)
        {
            throw new ArgumentException($"the change renamed '{model}' to '{changed.Name}'; a customized model keeps its name (--model chooses by it).", nameof(change));
        }

        models[index] = changed;
    }

    /// <summary>
    /// Makes <c>--model</c> optional in every built-in command of a project with several models: without it, <c>train</c>
    /// runs <paramref name="model"/> (a project whose README and scripts name one main model), and <c>evaluate</c>,
    /// <c>export</c> and <c>predict</c> run the model their <c>--output</c> run was trained with (its
    /// <c>train-settings.json</c>), else <paramref name="model"/>. Without this call a project with several models must
    /// name one each time.
    /// </summary>
    /// <param name="root">The root command (the one <c>Configure</c> receives).</param>
    /// <param name="model">The model's name.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> was not built by <see cref="Create"/>, or the model does not exist.</exception>
    public static void SetDefaultModel(RootCommand root, string model)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!ModelsOf.TryGetValue(root, out ExperimentModel[]? models))
        {
            throw new ArgumentException("this root command was not built by ExperimentCommands.Create.", nameof(root));
        }

        int index = Array.FindIndex(models, m => m.Name == model);
        if (index < 0)
        {
            throw new ArgumentException($"there is no model '{model}'; the models are {string.Join(", ", models.Select(m => m.Name))}.", nameof(model));
        }

        // Each command's Common reads models[0] when --model is absent: the default moves there, the others keep their order.
        ExperimentModel chosen = models[index];
        Array.Copy(models, 0, models, 1, index);
        models[0] = chosen;
        foreach (Option option in root.Subcommands.Where(c => BuiltIn.Contains(c.Name)).SelectMany(c => c.Options).Where(o => o.Name == ModelOption))
        {
            option.Required = false;
            option.Description = $"The model: {string.Join(", ", models.Select(m => m.Name))} (default: {model})";
        }
    }

    private static readonly string[] BuiltIn = ["train", "evaluate", "export", "predict", "summary"];

    private const string ModelOption = "--model";

    private static Command Train(string program, IReadOnlyList<ExperimentModel> models)
    {
        var command = new Command("train", "Train the model on its data: section (checkpoints every epoch; --resume continues)");
        Common common = Common.Add(command, models);
        var epochs = new Option<int?>("--epochs") { Description = "Override training.epochs" }.AtLeast(1);
        var batchSize = new Option<int?>("--batch-size") { Description = "Override training.batch_size" }.AtLeast(1);
        var learningRate = new Option<double?>("--learning-rate") { Description = "Override training.learning_rate" };
        var seed = new Option<long?>("--seed") { Description = "Override training.seed" };
        var device = new Option<string?>("--device") { Description = "Override training.device: cpu, cuda or auto" };
        device.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var maxBad = new Option<double?>(DataChecks.MaxBadFractionOption) { Description = "Override data.max_bad_fraction" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "Override training.checkpoint.every_batches: also checkpoint every N training batches, so --resume continues mid-epoch" }.AtLeast(1);
        Option<bool> resume = CommonOptions.Resume();
        Option<bool> force = CommonOptions.Force();
        foreach (Option option in new Option[] { epochs, batchSize, learningRate, seed, device, maxBad, checkpointEvery, resume, force })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            ExperimentModel model = common.Model(parse);
            var overrides = new List<string>();
            TrainingSection training = Override(model.Training, overrides, parse,
                (epochs, (t, v) => t with { Epochs = v!.Value }),
                (batchSize, (t, v) => t with { BatchSize = v!.Value }),
                (common.Threads, (t, v) => t with { Threads = v!.Value }));
            training = Override(training, overrides, parse,
                (learningRate, (t, v) => t with { LearningRate = v!.Value }));
            training = Override(training, overrides, parse,
                (seed, (t, v) => t with { Seed = v!.Value }));
            training = Override(training, overrides, parse,
                (device, (t, v) => t with { Device = Enum.Parse<DeviceChoice>(v!, ignoreCase: true) }));
            training = Override(training, overrides, parse,
                (checkpointEvery, (t, v) => t with { CheckpointEveryBatches = v!.Value }));
            DataSection data = Override(common.Data(parse, model), overrides, parse,
                (maxBad, (d, v) => d with { MaxBadFraction = v!.Value }));
            CheckSections(program, training, data, overrides);
            ExperimentFormat format = Format(model, parse, data, training);

            // Everything the run needs is checked before --force deletes the old run.
            string dataPath = format.DataSource ?? common.DataPath(parse, model, data);
            PrepareTorch(training);
            IReadOnlyList<string>? found = model.CreateForLabels is null ? null
                : format.DataLabels(dataPath, data) ?? throw new UserError($"model {model.Name} is sized by the classes of its data, but data.format {DataSection.FormatKey(data.Format)} has no classes; declare the model's outputs in its spec instead");
            // The seed fixes the initial weights too, so that a run is repeatable from its spec and command line.
            torch.random.manual_seed(training.Seed);
            using var module = found is null ? model.Create() : model.CreateForLabels!(found);
            ModelInfo info = Info(module, found);
            format.CheckModel(info, data);
            format.CheckPath(dataPath, data, info);
            string output = common.Output(parse, model);
            RunStart start = new RunFolderRule("--output", RunFiles.All).Decide(output, parse.GetValue(resume), parse.GetValue(force));
            OutputLocation.EnsureWritableFolder(output, "--output");
            TrainSettings settings = new(model.Name, ModelSpecHash.Of(Info(module)),
                found ?? (info.Labels.Count > 0 ? info.Labels : format.DataLabels(dataPath, data) ?? []),
                SettingsOf(format, data, dataPath, training.Seed));
            string settingsFile = Path.Combine(output, RunFiles.TrainSettings);
            if (start == RunStart.Resume)
            {
                TrainSettings.Load(settingsFile)?.CheckResumable(settings, output, format.LabelsSetting);
            }
            if (start == RunStart.Restart)
            {
                new RunFolderRule("--output", RunFiles.All).Clear(output);
            }

            Directory.CreateDirectory(output);
            using IExperimentData examples = LoadData(program, format, data, dataPath, info, training.Seed, trained: null, output);

            // Fitted after the data checks and refused (an empty split) before the run's settings are written.
            IReadOnlyList<string> labels = examples.Preprocessing.Labels;
            settings.Save(settingsFile);
            bool classification = format.Task == TrainingTask.Classification;
            IReadOnlyList<long>? counts = classification ? [.. labels.Select(l => examples.UsableByClass[l])] : null;
            TrainerOptions options = TopKWithin(training, classification ? labels.Count : null).ToTrainerOptions(classification ? labels.Count : null, counts) with
            {
                CheckpointPath = Path.Combine(output, RunFiles.Checkpoint),
                OutputDirectory = output,
                Resume = start == RunStart.Resume,
                ClassNames = classification ? labels : null,
                Log = Console.Out,
                Progress = ProgressMode.Plain,
                Callbacks = model.TrainingCallbacks?.Invoke() ?? [],
            };
            using var trainer = new Trainer(module, options);
            bool validated = examples.ValidationCount > 0;
            TrainingResult result = trainer.Fit(examples.Train(training.BatchSize, data.Shuffle),
                validated ? examples.Validation(training.BatchSize) : null);
            ModelWeights.Save(module, Path.Combine(output, RunFiles.Weights), classification ? labels : null);
            (examples.Preprocessing with { SplitSeed = training.Seed }).Save(Path.Combine(output, RunFiles.Preprocessing));
            if (BestEpochLine(model.Name, training, result, validated, classification) is { } best)
            {
                Console.WriteLine(best);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name}: trained {result.History.Count} epochs{(result.StoppedEarly ? " (stopped early)" : string.Empty)} on {examples.TrainCount} {format.Examples}; weights in {Path.Combine(output, RunFiles.Weights)}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Evaluate(string program, IReadOnlyList<ExperimentModel> models)
    {
        var command = new Command("evaluate", "Evaluate the trained model on the test split of its data; writes evaluation.json");
        Common common = Common.Add(command, models);
        command.SetAction(parse =>
        {
            ExperimentModel model = common.Model(parse);
            string output = common.Output(parse, model);
            EnsureWritableRun(output);
            Preprocessing preprocessing = Preprocessing.Load(Path.Combine(output, RunFiles.Preprocessing));
            TrainSettings? recorded = TrainSettings.Load(Path.Combine(output, RunFiles.TrainSettings));
            DataSection data = common.Data(parse, model, recorded);
            ExperimentFormat format = Recorded(Format(model, parse, data, model.Training), recorded);
            string dataPath = common.DataPath(parse, model, data, recorded);
            PrepareTorch(model.Training with { Threads = parse.GetValue(common.Threads) ?? model.Training.Threads });
            using var module = Trained(model, output, preprocessing, out IReadOnlyList<string>? trainedLabels);
            ModelInfo info = Info(module, trainedLabels);
            format.CheckModel(info, data);
            format.CheckPath(dataPath, data, info);
            using IExperimentData examples = LoadData(program, format, data, dataPath, info, preprocessing.SplitSeed ?? model.Training.Seed, preprocessing, output: null);
            if (examples.TestCount == 0)
            {
                throw new UserError($"the test split is empty; raise data.splits.test in the spec, or give more {format.Examples}");
            }

            bool classification = format.Task == TrainingTask.Classification;
            using var trainer = new Trainer(module, TopKWithin(model.Training, classification ? preprocessing.Labels.Count : null).ToTrainerOptions(classification ? preprocessing.Labels.Count : null) with { ClassNames = classification ? preprocessing.Labels : null, Progress = ProgressMode.None, TensorBoard = false });
            EvaluationResult result = trainer.Evaluate(examples.Test(model.Training.BatchSize), MetricNames.TestSplit);
            module.eval();
            string path = Path.Combine(output, RunFiles.Evaluation);
            Dictionary<string, double> metrics = result.Metrics.Concat(examples.ExtraTestMetrics(module)).OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, m => m.Value);
            File.WriteAllText(path, JsonSerializer.Serialize(metrics, EvaluationJsonContext.Default.DictionaryStringDouble));
            foreach ((string key, double value) in metrics)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key} {value:0.####}"));
            }

            if (classification && result.Confusion is { } confusion)
            {
                PrintPerClass(preprocessing.Labels, confusion);
            }

            Console.WriteLine($"{model.Name}: {result.SampleCount} test {format.Examples}; metrics in {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(string program, IReadOnlyList<ExperimentModel> models)
    {
        var command = new Command("export", "Export the trained model to ONNX (model.onnx in the run folder) and compare it with TorchSharp on the test split of --data (default: the data the run was trained on, else data.path)");
        Common common = Common.Add(command, models);
        command.SetAction(parse =>
        {
            ExperimentModel model = common.Model(parse);
            string output = common.Output(parse, model);
            EnsureWritableRun(output);
            if (parse.GetValue(common.DataOption) is { } given && !Directory.Exists(given) && !File.Exists(given))
            {
                throw new UserError($"--data {given}: no such file or folder; give the data the model was trained on (its test split is compared with model.onnx), or leave --data out to export without the comparison");
            }

            Preprocessing? preprocessing = model.Exporter is null && model.CreateForLabels is null ? null : Preprocessing.Load(Path.Combine(output, RunFiles.Preprocessing));
            TorchNative.EnsureLoaded();
            using var module = Trained(model, output, preprocessing, out IReadOnlyList<string>? trainedLabels);
            string path = Path.Combine(output, RunFiles.Onnx);
            if (model.Exporter is { } exporter)
            {
                module.eval();
                exporter(new ExportRequest(program, module, Info(module, trainedLabels), preprocessing!, output, path));
            }
            else
            {
                model.ExportOnnx(module, path);
            }

            Console.WriteLine($"{model.Name}: exported {path}");
            CheckExport(program, model, parse, common, module, trainedLabels, output, path);
            return ExitCodes.Success;
        });
        return command;
    }

    // The file is compared with the trained model on the test split of the run's data, when there is data to read.
    private static void CheckExport(string program, ExperimentModel model, ParseResult parse, Common common, torch.nn.Module<torch.Tensor, torch.Tensor> module, IReadOnlyList<string>? trainedLabels, string output, string path)
    {
        // --data must exist (CheckPath says what it should be); a spec's data.path that is not here only skips the check.
        string? given = parse.GetValue(common.DataOption);
        TrainSettings? recorded = TrainSettings.Load(Path.Combine(output, RunFiles.TrainSettings));
        string? dataPath = HasDataSection(model) ? given ?? recorded?.Settings.GetValueOrDefault(DataSetting) ?? model.Data.Path : null;
        if (dataPath is null || (given is null && !(Directory.Exists(dataPath) || File.Exists(dataPath))))
        {
            Console.WriteLine($"{model.Name}: not compared with TorchSharp (no data to test it on; give the data with --data{(HasDataSection(model) ? string.Empty : ", in a data: section")})");
            return;
        }

        DataSection data = common.Data(parse, model, recorded);
        ExperimentFormat format = Recorded(Format(model, parse, data, model.Training), recorded);
        Preprocessing preprocessing = Preprocessing.Load(Path.Combine(output, RunFiles.Preprocessing));
        ModelInfo info = Info(module, trainedLabels);
        format.CheckModel(info, data);
        format.CheckPath(dataPath, data, info);
        using IExperimentData examples = LoadData(program, format, data, dataPath, info, preprocessing.SplitSeed ?? model.Training.Seed, preprocessing, output: null);
        if (examples.TestCount == 0)
        {
            Console.WriteLine($"{model.Name}: not compared with TorchSharp (the test split of {dataPath} is empty)");
            return;
        }

        module.eval();
        bool classification = format.Task == TrainingTask.Classification;
        OnnxParity parity = OnnxParity.Measure(module, path, examples.Test(model.Training.BatchSize), classification);
        if (!parity.Holds)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime disagrees with TorchSharp on {path}: max |difference| {parity.MaxAbsDiff:E2} over {parity.Examples} test {format.Examples} (tolerance {OnnxParity.Tolerance:E0}); the exporter mishandles this model"));
        }

        Console.WriteLine(parity.Describe(model.Name, format.Examples, classification));
    }

    private static Command Predict(string program, IReadOnlyList<ExperimentModel> models)
    {
        var command = new Command("predict", "Predict the examples of a file, one line each (a classifier: number, label, probability; a CSV forecaster: step, value)");
        Common common = Common.Add(command, models);
        var input = new Option<string>("--input") { Description = "The examples in the data.format: drawings (.ndjson or .bin), bitmaps (.npy), a CSV series (its last window is forecast), or a video clip (.npy or a folder of PNG frames)", Required = true }.NotBlank();
        var top = new Option<int>("--top") { Description = "Labels to print a drawing (at most the class count; classifiers only)", DefaultValueFactory = _ => 1 }.AtLeast(1);
        command.Options.Add(input);
        command.Options.Add(top);
        command.SetAction(parse =>
        {
            ExperimentModel model = common.Model(parse);
            string output = common.Output(parse, model);
            DataSection data = common.Data(parse, model);
            ExperimentFormat format = Format(model, parse, data, model.Training);
            string file = parse.GetValue(input)!;
            if (!(format.InputMayBeFolder && Directory.Exists(file)))
            {
                OutputLocation.EnsureReadableFile(file, "--input", format.InputDescription);
            }

            if (format.Task != TrainingTask.Classification && parse.GetResult(top) is { Implicit: false })
            {
                throw new UserError($"--top applies to classifiers; {model.Name} forecasts values (data.format {DataSection.FormatKey(data.Format)}), so leave --top out");
            }

            Preprocessing preprocessing = Preprocessing.Load(Path.Combine(output, RunFiles.Preprocessing));

            PrepareTorch(model.Training with { Threads = parse.GetValue(common.Threads) ?? model.Training.Threads });
            using var module = Trained(model, output, preprocessing, out IReadOnlyList<string>? trainedLabels);
            ModelInfo info = Info(module, trainedLabels);
            module.eval();
            format.Predict(new PredictRequest(program, module, info, preprocessing, file, parse.GetValue(top)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Summary(IReadOnlyList<ExperimentModel> models)
    {
        var command = new Command("summary", "Print the model's layers and its effective training: and data: settings");
        Common common = Common.Add(command, models);
        command.SetAction(parse =>
        {
            ExperimentModel model = common.Model(parse);
            TorchNative.EnsureLoaded();
            using var module = model.Create();
            ModelInfo info = Info(module);
            Console.WriteLine($"{info.Name} ({info.Kind}, {info.SourceFile}): {info.InputName} [{string.Join(", ", info.InputShape)}] -> {info.OutputName} [{string.Join(", ", info.OutputShape)}], {info.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters");
            foreach (LayerInfo layer in info.Layers)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {layer.Name,-20} {layer.Type,-16} [{string.Join(", ", layer.OutputShape)}] {layer.Parameters:N0}"));
            }

            IEnumerable<string> data = HasDataSection(model) ? SectionText.Lines("data", model.Data) : ["data: none (the spec has no data: section; train, evaluate and predict need one)"];
            foreach (string line in SectionText.Lines("training", model.Training).Concat(data))
            {
                Console.WriteLine(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static T Override<T, TValue>(T section, List<string> overrides, ParseResult parse, params (Option<TValue> Option, Func<T, TValue, T> Apply)[] options)
    {
        foreach ((Option<TValue> option, Func<T, TValue, T> apply) in options)
        {
            if (parse.GetResult(option) is { Implicit: false } && parse.GetValue(option) is { } value)
            {
                section = apply(section, value);
                overrides.Add(string.Create(CultureInfo.InvariantCulture, $"{option.Name} {value}"));
            }
        }

        return section;
    }

    private static void CheckSections(string program, TrainingSection training, DataSection data, IReadOnlyList<string> overrides)
    {
        IEnumerable<string> problems = training.Problems().Select(p => "training." + p.Key + " " + p.Message)
            .Concat(data.Problems().Select(p => "data." + p.Key + " " + p.Message));
        if (problems.FirstOrDefault() is { } first)
        {
            string from = overrides.Count == 0 ? string.Empty : $" (with {string.Join(", ", overrides)} from the command line)";
            throw new UserError($"{first}{from}; see '{program} train --help'");
        }
    }

    private static ExperimentFormat Format(ExperimentModel model, ParseResult parse, DataSection data, TrainingSection training)
    {
        ExperimentFormat format = model.Format?.Invoke(parse) ?? ExperimentFormat.For(data.Format, data.ArrayKey);
        bool classification = format.Task == TrainingTask.Classification;
        if (classification != training.IsClassification)
        {
            throw new UserError(classification
                ? $"data.format {DataSection.FormatKey(data.Format)} holds labelled classes, but training.loss is a regression loss; use 'loss: cross_entropy'"
                : $"data.format {DataSection.FormatKey(data.Format)} holds values to forecast, but training.loss is cross_entropy; use 'loss: mse', 'mae' or 'huber'");
        }

        return format;
    }

    // Which epoch's weights were saved and how it scored, since the last epoch's numbers above it need not be the kept ones.
    private static string? BestEpochLine(string model, TrainingSection training, TrainingResult result, bool validated, bool classification)
    {
        if (result.History.FirstOrDefault(h => h.Epoch == result.BestEpoch) is not { } best)
        {
            return null;
        }

        string monitor = training.EarlyStopping?.Monitor ?? (validated ? MetricNames.ValidationLoss : MetricNames.TrainLoss);
        double accuracy = best.Get(MetricNames.ValidationAccuracy);
        string score = classification && validated && !double.IsNaN(accuracy) ? string.Create(CultureInfo.InvariantCulture, $": validation top-1 accuracy {accuracy:P1}") : string.Empty;
        string saved = training.RestoreBestModel ? "its weights are the ones saved" : "the last epoch's weights are saved (training.restore_best_model: false)";
        return string.Create(CultureInfo.InvariantCulture, $"{model}: best epoch {best.Epoch + 1} of {result.History.Count} by {monitor}{score}; {saved}");
    }

    // Accuracy of each class on the test split, worst first: where a classifier fails is what its user looks for next.
    private static void PrintPerClass(IReadOnlyList<string> labels, ConfusionMatrix confusion)
    {
        IReadOnlyList<double> accuracy = confusion.PerClassAccuracy();
        int width = Math.Max(5, labels.Max(l => l.Length));
        Console.WriteLine($"{"class".PadRight(width)}  accuracy  examples");
        foreach (int c in Enumerable.Range(0, Math.Min(labels.Count, accuracy.Count)).OrderBy(c => double.IsNaN(accuracy[c]) ? double.MaxValue : accuracy[c]).ThenBy(c => c))
        {
            long examples = Enumerable.Range(0, confusion.ClassCount).Sum(p => confusion[c, p]);
            string value = double.IsNaN(accuracy[c]) ? "n/a" : accuracy[c].ToString("P1", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{labels[c].PadRight(width)}  {value,8}  {examples,8}"));
        }
    }

    // A model sized by the classes of its data may have fewer classes than training.top_k: top-k is then all of them.
    private static TrainingSection TopKWithin(TrainingSection training, int? classes) =>
        classes is { } n && training.TopK > n ? training with { TopK = n } : training;

    // What decides a run's examples, recorded by train and compared on --resume: the data, seed and split settings.
    private static Dictionary<string, string> SettingsOf(ExperimentFormat format, DataSection data, string dataPath, long seed)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DataSetting] = Path.GetFullPath(dataPath),
            ["data.format"] = DataSection.FormatKey(data.Format),
            ["--seed"] = seed.ToString(CultureInfo.InvariantCulture),
        };
        if (data.MaxPerClass is { } cap)
        {
            settings[MaxPerClassSetting] = cap.ToString(CultureInfo.InvariantCulture);
        }

        settings["data.splits.validation"] = data.ValidationFraction.ToString("R", CultureInfo.InvariantCulture);
        settings["data.splits.test"] = data.TestFraction.ToString("R", CultureInfo.InvariantCulture);
        if (data.Format is DataFormat.QuickDrawNdjson or DataFormat.QuickDrawRaw or DataFormat.QuickDrawBin)
        {
            // The only formats it applies to (the spec refuses it elsewhere): a csv run must not read as split by hash.
            settings["data.splits.by"] = data.SplitBy.ToString().ToLowerInvariant();
        }

        foreach ((string key, string value) in format.SplitSettings(data))
        {
            settings[key] = value;
        }

        return settings;
    }

    // evaluate and export read the run's data as train split it, unless their command line says otherwise.
    private static ExperimentFormat Recorded(ExperimentFormat format, TrainSettings? recorded) =>
        recorded is null ? format : format.WithSplitSettings(recorded.Settings);

    private static IExperimentData LoadData(string program, ExperimentFormat format, DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, string? output)
    {
        using DataReport? report = output is null ? null : new DataReport(Path.Combine(output, DataReport.FileName), $"{program}: bad records in {path}");
        IExperimentData examples = format.Load(data, path, info, seed, trained, report is null ? null : report.Add);
        try
        {
            report?.Complete(examples.Report);

            // A report, not an error: on stdout, so that a refusal below stays the one line on stderr.
            foreach (string line in DataReport.Summary(examples.Report, report?.Path))
            {
                Console.WriteLine(line);
            }

            DataChecks.Enforce(new DataQualityPolicy { MaxBadFraction = data.MaxBadFraction }, examples.Report, examples.UsableByClass, examples.HeldOutByClass, report?.Path, format.LabelsSetting == "labels" ? "fix its file, or leave the class out of 'labels:'" : $"fix its file, or leave the class out of {format.LabelsSetting}");
        }
        catch
        {
            examples.Dispose();
            throw;
        }

        return examples;
    }

    // A model created for the data's labels is rebuilt for the labels stored with its weights (labels: null otherwise).
    // The run's weights in the model they fit. Their labels must be the run's (preprocessing.json): weights copied
    // from another run would otherwise load into a model of another width and fail deep inside libtorch or the export.
    private static torch.nn.Module<torch.Tensor, torch.Tensor> Trained(ExperimentModel model, string output, Preprocessing? preprocessing, out IReadOnlyList<string>? labels)
    {
        string weights = Path.Combine(output, RunFiles.Weights);
        OutputLocation.EnsureReadableFile(weights, "--output", $"the trained weights of {model.Name} (run '{model.Name} train' first)");
        try
        {
            labels = model.CreateForLabels is null ? null
                : ModelWeights.ReadInfo(weights).Labels is { Count: > 0 } stored ? stored
                : throw new UserError($"{weights} holds no labels, so the classes of {model.Name} are unknown; train it again with --force");
        }
        catch (ModelWeightsException ex)
        {
            throw Unreadable(ex);
        }

        IReadOnlyList<string>? expected = preprocessing?.Labels;
        if (labels is not null && expected is not null && !labels.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new UserError($"{weights} was trained on {labels.Count} classes ({Preview(labels)}), but the run's {RunFiles.Preprocessing} lists {expected.Count} ({Preview(expected)}); the files come from different runs: train again with --force, or restore the run's own {RunFiles.Weights}");
        }

        torch.nn.Module<torch.Tensor, torch.Tensor> module = labels is null ? model.Create() : model.CreateForLabels!(labels);
        try
        {
            ModelWeights.Load(module, weights);
        }
        catch (ModelWeightsException ex)
        {
            module.Dispose();
            throw Unreadable(ex);
        }
        catch
        {
            module.Dispose();
            throw;
        }

        return module;

        // An unusable file gets the run's fix; the other problems (another spec, NaN weights, a newer format) name their own.
        UserError Unreadable(ModelWeightsException ex) => ex.FileIsUnusable
            ? new($"{OneLine.Of(ex.Message).TrimEnd('.')}; train the run again with --force, or restore the file", ex)
            : new(OneLine.Of(ex.Message), ex);
    }

    private static string Preview(IReadOnlyList<string> labels) =>
        string.Join(", ", labels.Take(4)) + (labels.Count > 4 ? ", …" : string.Empty);

    // evaluate and export write into the run folder (evaluation.json, model.onnx): a folder they cannot write is the
    // user's one line before any work, not an internal error after it. A missing folder is the missing run's message.
    private static void EnsureWritableRun(string output)
    {
        if (Directory.Exists(output))
        {
            OutputLocation.EnsureWritableFolder(output, "--output");
        }
    }

    private static void PrepareTorch(TrainingSection training)
    {
        TorchNative.EnsureLoaded();

        // Before any data is read: a device that is not there is the run's one error line.
        Devices.Resolve(training.Device);
        if (training.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }
    }

    // A spec without data: gets the plain DataSection with its defaults; a declared one is the generated {Model}Data,
    // and a section built in code has at least one setting.
    private static bool HasDataSection(ExperimentModel model) =>
        model.Data.GetType() != typeof(DataSection) || model.Data != new DataSection();

    // A generated model's Info describes its default options; one created for labels has those labels, one output unit
    // each (so evaluate reads the classes the run was trained on, whatever else the folder holds now).
    private static ModelInfo Info(torch.nn.Module<torch.Tensor, torch.Tensor> module, IReadOnlyList<string>? labels)
    {
        ModelInfo info = Info(module);
        return labels is null || info.OutputShape.Count == 0 ? info
            : info with { Labels = labels, OutputShape = [.. info.OutputShape.Take(info.OutputShape.Count - 1), labels.Count.ToString(CultureInfo.InvariantCulture)] };
    }

    private static ModelInfo Info(torch.nn.Module<torch.Tensor, torch.Tensor> module) =>
        module is IGeneratedModel generated ? generated.Info : throw new ArgumentException($"{module.GetType().Name} is not a generated model.", nameof(module));

    private const string DataSetting = "--data";

    private const string MaxPerClassSetting = "--max-per-class";

    /// <summary>The options every command has: <c>--model</c> (several models only), <c>--data</c>, <c>--output</c>, <c>--threads</c>.</summary>
    private sealed class Common
    {
        private readonly IReadOnlyList<ExperimentModel> models;
        private readonly Option<string?> model;
        private readonly Option<string?> data;
        private readonly Option<string?> output;
        private readonly Option<int?> maxPerClass;
        private readonly bool readsRun;

        private Common(IReadOnlyList<ExperimentModel> models, bool readsRun)
        {
            this.models = models;
            this.readsRun = readsRun;
            model = new Option<string?>("--model") { Description = "The model: " + string.Join(", ", models.Select(m => m.Name)), Required = models.Count > 1 };
            model.OneOf([.. models.Select(m => m.Name)], "name");
            data = new Option<string?>("--data") { Description = "The data file or folder (default: train's data for the other commands, else data.path of the spec)" };
            output = new Option<string?>("--output") { Description = "The run folder (default: runs/<model>, unless the project sets its own)" };
            maxPerClass = new Option<int?>("--max-per-class") { Description = "Override data.max_per_class" }.AtLeast(1);
            Threads = new Option<int?>("--threads") { Description = "Override training.threads (libtorch CPU threads)" }.AtLeast(1);
        }

        public Option<int?> Threads { get; }

        public Option<string?> DataOption => data;

        public static Common Add(Command command, IReadOnlyList<ExperimentModel> models)
        {
            var common = new Common(models, readsRun: command.Name != "train");
            command.Options.Add(common.model);
            command.Options.Add(common.data);
            command.Options.Add(common.output);
            command.Options.Add(common.maxPerClass);
            command.Options.Add(common.Threads);
            return common;
        }

        // Without --model, a command that reads a run takes the model the run was trained with (a project with a default
        // model evaluates a run of its other model without being told again); otherwise the default.
        public ExperimentModel Model(ParseResult parse)
        {
            if (parse.GetValue(model) is { } name)
            {
                return models.First(m => m.Name == name);
            }

            if (readsRun && models.Count > 1 && parse.GetValue(output) is { } folder
                && TrainSettings.Load(Path.Combine(folder, RunFiles.TrainSettings)) is { } recorded
                && models.FirstOrDefault(m => m.Name == recorded.Model) is { } trained)
            {
                return trained;
            }

            return models[0];
        }

        public DataSection Data(ParseResult parse, ExperimentModel experiment, TrainSettings? recorded = null)
        {
            // No format to read: say that instead of failing on the default format's rules.
            if (!HasDataSection(experiment))
            {
                throw new UserError($"model {experiment.Name} has no data: section, so there is nothing to read its data with; add one to its spec (format, path and the format's settings; see docs/spec-reference.md, 'data:'), or choose a model that has one");
            }

            // A run trained with --max-per-class is tested on the split that cap made, unless this command gives another.
            int? recordedCap = recorded?.Settings.GetValueOrDefault(MaxPerClassSetting) is { } text
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
            return (parse.GetValue(maxPerClass) ?? recordedCap) is { } cap ? experiment.Data with { MaxPerClass = cap } : experiment.Data;
        }

        public string DataPath(ParseResult parse, ExperimentModel experiment, DataSection section, TrainSettings? recorded = null) =>
            parse.GetValue(data) ?? recorded?.Settings.GetValueOrDefault(DataSetting) ?? section.Path
            ?? throw new UserError($"give the data with --data, or set data.path in the spec of {experiment.Name}");

        public string Output(ParseResult parse, ExperimentModel experiment) =>
            parse.GetValue(output) ?? experiment.OutputFolder ?? RunFiles.DefaultFolder(experiment.Name);
    }
}
