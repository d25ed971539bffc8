using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Plotting;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary><c>video train</c>: trains the 3D CNN on generated clips or on a folder of labelled clips, and saves the run.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var options = new TrainOptions();
        var data = new Option<string?>("--data") { Description = "Folder with one sub-folder per class, each holding .npy clips or folders of PNG frames (default: generated clips)" };
        Option<string> layout = TrainOptions.LayoutOption();
        Option<bool> resize = TrainOptions.ResizeOption();
        var holdOut = new Option<double>("--hold-out") { Description = "With --data: fraction of each class held out for validation, and again for test", DefaultValueFactory = _ => 0.15 }.Between(0, 0.5, minimumIncluded: false, maximumIncluded: false);
        Option<bool> resume = CommonOptions.Resume();
        var command = new Command("train", "Train the 3D CNN; writes weights, checkpoints, metrics.csv, TensorBoard logs, PNG plots and clips.png to the run folder")
        {
            data, layout, resize, holdOut, resume,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            RunSettings settings = options.Generated(parse);
            RunStart start = options.ClaimRunFolder(parse, parse.GetValue(resume));
            string? folder = parse.GetValue(data);
            if (folder is not null)
            {
                double fraction = parse.GetValue(holdOut);
                ClipLayout clipLayout = TrainOptions.ParseLayout(parse.GetValue(layout)!);
                settings = settings with
                {
                    Data = Path.GetFullPath(folder),
                    Classes = ClipSets.OpenFolder(folder, clipLayout).ClassNames,
                    Layout = clipLayout,
                    Resize = parse.GetValue(resize),
                    HoldOut = fraction,
                };
            }

            TrainOptions.UseThreads(parse.GetValue(options.Threads));
            var run = new RunFolder(parse.GetValue(options.Out)!);
            TrainOptions.Begin(run, start, Console.Out);
            Execute(run, settings, parse.GetValue(options.Epochs), parse.GetValue(options.BatchSize), start == RunStart.Resume, Console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    public static TrainingSummary Execute(RunFolder run, RunSettings settings, int epochs, int batchSize, bool resume, TextWriter log, ProgressMode progress = ProgressMode.Auto)
    {
        if (epochs < 1)
        {
            throw new UserError($"--epochs {epochs} must be at least 1.");
        }

        log.WriteLine($"Model {MotionClassifier.Info.Name} ({MotionClassifier.Info.SourceFile}): input {ModelInput.Text}, {settings.Classes.Count} classes");
        log.WriteLine($"Loading {settings.Describe()}");
        ClipSets sets = ClipSets.Load(settings);
        run.Save(settings);
        ContactSheet.Save(sets.Train, settings.Classes, run.ContactSheet);
        log.WriteLine($"{sets.Train.Count} training, {sets.Validation.Count} validation, {sets.Test.Count} test clips; one clip per class drawn to {run.ContactSheet}");

        using MotionClassifier model = ClipModel.Create(settings);
        TrainerOptions trainerOptions = TrainingRecipes.Classification(epochs, settings.Classes, settings.Seed, topK: 2) with
        {
            CheckpointPath = run.Checkpoint,
            Resume = resume,
            OutputDirectory = run.Path,
            Progress = progress,
            Log = log,
            Callbacks = [new TrainingPlotsCallback()],
        };
        using var trainer = new Trainer(model, trainerOptions);
        var clock = Stopwatch.StartNew();
        TrainingResult result = trainer.Fit(ClipModel.Loader(sets.Train, batchSize, shuffle: true), ClipModel.Loader(sets.Validation, batchSize, shuffle: false));
        clock.Stop();
        QuickDrawDsl.Runtime.Training.Checkpoints.ModelWeights.Save(model, run.Weights);
        // The trainer restores the epoch with the lowest validation loss; report that epoch's accuracy.
        double accuracy = result.History[result.BestEpoch >= 0 ? result.BestEpoch : result.History.Count - 1].Get(MetricNames.ValidationAccuracy);
        double clipsPerSecond = result.History.Average(h => h.SamplesPerSecond);
        log.WriteLine($"Trained {result.History.Count} epochs in {clock.Elapsed.TotalSeconds:0.0} s ({clipsPerSecond:0} clips/s); kept epoch {(result.BestEpoch >= 0 ? result.BestEpoch + 1 : result.History.Count)} (lowest validation loss), validation accuracy {accuracy:P1}; run saved to {run.Path}");
        return new TrainingSummary(result.History.Count, clock.Elapsed.TotalSeconds, clipsPerSecond, accuracy, sets.Train.Count, sets.Validation.Count, sets.Test.Count);
    }
}
