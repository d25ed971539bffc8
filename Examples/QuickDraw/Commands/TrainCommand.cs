using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Plotting;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary><c>quickdraw train</c>: trains the stroke (or bitmap) classifier and saves the run.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder of <category>.ndjson (or .npy with --model BitmapClassifier); default: $QUICKDRAW_DATA, ./data/quickdraw, the shared sample data" };
        Option<string> model = ModelOption.Create();
        var categories = new Option<string?>("--categories") { Description = "Comma-separated categories (default: every file in the data folder)" }.CommaSeparated("apple,banana");
        var train = new Option<int?>("--train-per-class") { Description = $"Drawings per class for training and validation, from the start of each file (default: the spec's data.max_per_class less its test share, {ExperimentRecipe.TrainPerClass(DataFormat.Strokes)} strokes / {ExperimentRecipe.TrainPerClass(DataFormat.Bitmap)} bitmaps)" }.AtLeast(1);
        var test = new Option<int?>("--test-per-class") { Description = $"Drawings per class for testing, right after the training ones (default: the spec's data.splits.test share of data.max_per_class, {ExperimentRecipe.TestPerClass(DataFormat.Strokes)} / {ExperimentRecipe.TestPerClass(DataFormat.Bitmap)}); only evaluate and export read them" }.AtLeast(1);
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Share of each class's training drawings (its last ones) held out for validation, which picks the best epoch (default: the spec's data.splits.validation as a share of the training drawings, 0.1; at least 1 per class)", DefaultValueFactory = _ => ExperimentRecipe.ValidationFraction(DataFormat.Strokes) }.Between(0, 1, minimumIncluded: false, maximumIncluded: false);
        var epochs = new Option<int?>("--epochs") { Description = $"Training epochs (default: the spec's training.epochs, {ExperimentRecipe.Training(DataFormat.Strokes).Epochs} strokes / {ExperimentRecipe.Training(DataFormat.Bitmap).Epochs} bitmaps)" }.AtLeast(1);
        var batch = new Option<int?>("--batch-size") { Description = $"Batch size (default: the spec's training.batch_size, {ExperimentRecipe.Training(DataFormat.Strokes).BatchSize})" }.AtLeast(1);
        var seed = new Option<int?>("--seed") { Description = $"Random seed (default: the spec's training.seed, {ExperimentRecipe.Training(DataFormat.Strokes).Seed})" }.AtLeast(0);
        var device = new Option<DeviceChoice>("--device") { Description = "cpu, cuda or auto (default: the spec's training.device)", DefaultValueFactory = _ => ExperimentRecipe.Training(DataFormat.Strokes).Device };
        var output = new Option<string>("--output") { Description = "Run folder (checkpoint, weights, metrics, plots, data report)", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") }.NotBlank();
        var cache = new Option<string?>("--cache") { Description = "Stream a cache made by quickdraw prepare instead of reading --data into memory: trains on its train split, reports on validation; evaluate uses its test split" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "Also checkpoint every N training batches inside an epoch, so --resume continues mid-epoch exactly (default: at the end of each epoch)" }.AtLeast(1);
        Option<bool> resume = CommonOptions.Resume();
        Option<bool> force = CommonOptions.Force();
        Option<double> maxBad = CommonOptions.MaxBadFraction();
        maxBad.DefaultValueFactory = _ => ExperimentRecipe.MaxBadFraction(DataFormat.Strokes);
        Option<int> threads = CommonOptions.Threads();

        var command = new Command("train", "Train a classifier; writes checkpoints, metrics.csv, TensorBoard logs, PNG plots and the data report to the run folder")
        {
            data, model, categories, train, test, validationFraction, epochs, batch, seed, device, output, cache, checkpointEvery, resume, force, maxBad, threads,
        };
        command.SetAction(parse =>
        {
            // Everything the user can get wrong is checked here, before any data is read or any file is written.
            DataFormat f = ModelOption.Format(parse.GetValue(model)!);
            var run = new RunFolder(parse.GetValue(output)!);
            OutputLocation.EnsureWritableFolder(run.Path, "--output");
            RunStart start = RunFolder.Rule.Decide(run.Path, parse.GetValue(resume), parse.GetValue(force));
            RunSettings settings;
            bool fractionGiven = parse.GetResult(validationFraction) is { Implicit: false };
            if (parse.GetValue(cache) is { } cacheFolder)
            {
                string? clash = f != DataFormat.Strokes ? $"--model {ModelOption.Bitmap}"
                    : parse.GetValue(data) is not null ? "--data"
                    : parse.GetValue(categories) is not null ? "--categories"
                    : parse.GetValue(train) is not null ? "--train-per-class"
                    : parse.GetValue(test) is not null ? "--test-per-class"
                    : fractionGiven ? "--validation-fraction"
                    : null;
                if (clash is not null)
                {
                    throw new UserError($"--cache {cacheFolder} takes its drawings, classes and splits from the prepared cache, so {clash} does not apply; leave {clash} out, or prepare a cache with what you want (quickdraw prepare --data <folder> --categories ... --max-per-class N --output <cache>)");
                }

                settings = CacheRunData.Settings(cacheFolder, parse.GetValue(seed) ?? (int)ExperimentRecipe.Training(f).Seed);
            }
            else
            {
                int trainPerClass = parse.GetValue(train) ?? ExperimentRecipe.TrainPerClass(f);
                double fraction = fractionGiven ? parse.GetValue(validationFraction) : ExperimentRecipe.ValidationFraction(f);
                InMemorySplit.ValidationCount(trainPerClass, fraction);
                string folder = DataLocator.Find(parse.GetValue(data), f);
                settings = new RunSettings(
                    f,
                    folder,
                    DataLocator.Categories(folder, f, parse.GetValue(categories)),
                    trainPerClass,
                    parse.GetValue(test) ?? ExperimentRecipe.TestPerClass(f),
                    parse.GetValue(seed) ?? (int)ExperimentRecipe.Training(f).Seed,
                    ValidationFraction: fraction);
            }

            int e = parse.GetValue(epochs) ?? ExperimentRecipe.Training(f).Epochs;
            DeviceChoice d = parse.GetValue(device);
            Devices.Resolve(d);
            if (start == RunStart.Resume)
            {
                settings = KeepLegacyValidation(run, settings, fractionGiven, Console.Out);
                CheckResumable(run, settings);
            }

            TorchNative.EnsureLoaded();
            torch.set_num_threads(parse.GetValue(threads));
            Begin(run, start, Console.Out);
            Execute(run, settings, e, parse.GetValue(batch) ?? ExperimentRecipe.Training(f).BatchSize, d, resume: start == RunStart.Resume, Console.Out, ProgressMode.Auto, parse.GetResult(maxBad) is { Implicit: false } ? parse.GetValue(maxBad) : ExperimentRecipe.MaxBadFraction(f), parse.GetValue(checkpointEvery));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Applies the run-folder rule's decision: deletes the old run for --force, says what happens.</summary>
    public static void Begin(RunFolder run, RunStart start, TextWriter log)
    {
        switch (start)
        {
            case RunStart.Restart:
                RunFolder.Rule.Clear(run.Path);
                log.WriteLine($"--force: deleted the previous run in {run.Path}");
                break;
            case RunStart.Resume when !File.Exists(run.Checkpoint):
                log.WriteLine($"--resume: {run.Path} has no checkpoint yet; training starts from the first epoch");
                break;
        }
    }

    /// <summary>
    /// A run.json written before the in-memory validation split existed has no <see cref="RunSettings.ValidationFraction"/>:
    /// resumed, such a run keeps validating on its test split (changing its training drawings mid-run would mix two
    /// data sets), and says so in one line. Asking it for a <c>--validation-fraction</c> is a one-line error.
    /// </summary>
    public static RunSettings KeepLegacyValidation(RunFolder run, RunSettings requested, bool fractionGiven, TextWriter log)
    {
        if (!run.HasSettings || requested.Cache is not null)
        {
            return requested;
        }

        RunSettings saved = run.Load();
        if (saved.Cache is not null || saved.ValidationFraction is not null)
        {
            return requested;
        }

        if (fractionGiven)
        {
            throw new UserError($"--resume: the run in {run.Path} was started before train had a validation split (its run.json has no ValidationFraction), so it validates on its test split; resume without --validation-fraction, or pass --force to start over with one");
        }

        log.WriteLine($"--resume: {run.SettingsFile} predates the validation split, so this run keeps validating on its test split as it was started (--force starts over with --validation-fraction {ExperimentRecipe.ValidationFraction(requested.Format).ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        return requested with { ValidationFraction = null };
    }

    /// <summary>A run is continued only with the data and categories it was started with (the checkpoint holds its model).</summary>
    public static void CheckResumable(RunFolder run, RunSettings requested)
    {
        if (!run.HasSettings)
        {
            return;
        }

        RunSettings saved = run.Load();
        if (saved.Cache is not null && requested.Cache is not null
            && string.Equals(Path.GetFullPath(saved.Data), Path.GetFullPath(requested.Data), StringComparison.Ordinal)
            && saved.Cache.ManifestSha256 != requested.Cache.ManifestSha256)
        {
            throw new UserError($"--resume: the cache {requested.Data} has changed since the run in {run.Path} started (its manifest.json differs: prepare was run again on it); resuming would mix two data sets: pass --force to start over on the new cache, or restore the old one");
        }

        string? differs = saved.Format != requested.Format ? $"--model {ModelOption.Name(saved.Format)}"
            : (saved.Cache is null) != (requested.Cache is null) ? (saved.Cache is null ? $"--data {saved.Data} (not --cache)" : $"--cache {saved.Data}")
            : !string.Equals(Path.GetFullPath(saved.Data), Path.GetFullPath(requested.Data), StringComparison.Ordinal) ? $"{(saved.Cache is null ? "--data" : "--cache")} {saved.Data}"
            : !saved.Categories.SequenceEqual(requested.Categories, StringComparer.Ordinal) ? $"--categories {string.Join(',', saved.Categories)}"
            : saved.TrainPerClass != requested.TrainPerClass ? $"--train-per-class {saved.TrainPerClass}"
            : saved.TestPerClass != requested.TestPerClass ? $"--test-per-class {saved.TestPerClass}"
            : saved.ValidationFraction != requested.ValidationFraction ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--validation-fraction {saved.ValidationFraction}")
            : saved.Seed != requested.Seed ? $"--seed {saved.Seed}"
            : null;
        if (differs is not null)
        {
            throw new UserError($"--resume: the run in {run.Path} was started with {differs}, and this command asks for something else; resume with the run's options, or pass --force to start over");
        }
    }

    /// <summary>
    /// Reads the data (summary printed, full report in the run folder), checks it, trains and saves the run (the weights
    /// of the epoch with the lowest validation loss); returns that epoch's validation top-1 accuracy (test for a run.json
    /// from before the validation split).
    /// </summary>
    public static double Execute(RunFolder run, RunSettings settings, int epochs, int batchSize, DeviceChoice device, bool resume, TextWriter log, ProgressMode progress = ProgressMode.Auto, double maxBadFraction = DataQualityPolicy.DefaultMaxBadFraction, int? checkpointEvery = null)
    {
        log.WriteLine(settings.Cache is { } c
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Training on {settings.Categories.Count} categories streamed from the cache {settings.Data} (train {c.Train:N0} / validation {c.Validation:N0}; the {c.Test:N0} test drawings are left for evaluate)")
            : InMemorySplit.Policy(settings) is { ValidationCount: > 0 } p
                ? $"Training on {settings.Categories.Count} categories from {settings.Data} (per class: {p.TrainCount} train / {p.ValidationCount} validation, the last of the first {settings.TrainPerClass}; the next {p.TestCount} test drawings are left for evaluate)"
                : $"Training on {settings.Categories.Count} categories from {settings.Data} ({settings.TrainPerClass} train / {settings.TestPerClass} test per class; no validation split: validating on test)");
        RunLoaders loaders;
        using (var report = new DataReport(run.DataReportFile, $"quickdraw train: {settings.Data}, {string.Join(", ", settings.Categories)}"))
        {
            loaders = RunData.Loaders(settings, batchSize, training: true, report.Add);
            report.Complete(loaders.Report);
        }

        using RunLoaders data = loaders;

        foreach (string line in DataReport.Summary(data.Report, run.DataReportFile))
        {
            log.WriteLine(line);
        }

        var usable = settings.Categories.Select((c, i) => (c, n: data.Counts.Values.Sum(counts => counts[i]))).ToDictionary(p => p.c, p => p.n, StringComparer.Ordinal);
        DataChecks.Enforce(new DataQualityPolicy { MaxBadFraction = maxBadFraction }, data.Report, usable, run.DataReportFile,
            "fix or replace its file, or leave it out with --categories");
        RunData.RequireEvaluationDrawings(settings, data);
        settings = data.Settings;
        run.Save(settings);
        using nn.Module<Tensor, Tensor> model = RunData.CreateModel(settings);
        var plots = new TrainingPlotsCallback();
        TrainerOptions options = ExperimentRecipe.Options(settings.Format, epochs, settings.Categories, settings.Seed) with
        {
            Device = device,
            CheckpointPath = run.Checkpoint,
            CheckpointEveryBatches = checkpointEvery,
            Resume = resume,
            OutputDirectory = run.Path,
            Progress = progress,
            Log = log,
            Callbacks = [plots],
        };
        using var trainer = new Trainer(model, options);
        TrainingResult result = trainer.Fit(data.Train, data.Evaluate);
        ModelWeights.Save(model, run.Weights);

        // The trainer restored the epoch with the lowest loss on the scored split: that is the model saved and reported.
        EpochResult best = result.History.FirstOrDefault(h => h.Epoch == result.BestEpoch) ?? result.History[^1];
        double accuracy = best.Get(MetricNames.ValidationAccuracy);
        string split = data.EvaluateSplit == DataSplit.Test ? "test" : "validation";
        log.WriteLine($"Best epoch {best.Epoch + 1} of {result.History.Count} (lowest {split} loss): {split} top-1 accuracy {accuracy:P1}; its weights are saved to {run.Path}{(data.EvaluateSplit == DataSplit.Test ? string.Empty : "; quickdraw evaluate scores them on the test split")}");
        foreach (string file in result.OutputFiles.Concat(plots.Files).Where(File.Exists))
        {
            log.WriteLine("  " + file);
        }

        return accuracy;
    }
}
