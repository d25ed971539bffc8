using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary><c>quickdraw train</c>: trains the stroke (or bitmap) classifier and saves the run.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder of <category>.ndjson (or .npy with --format bitmap); default: $QUICKDRAW_DATA, ./data/quickdraw, the shared sample data" };
        var format = new Option<DataFormat>("--format") { Description = "strokes (Conv1D+LSTM) or bitmap (2D CNN)", DefaultValueFactory = _ => DataFormat.Strokes };
        var categories = new Option<string?>("--categories") { Description = "Comma-separated categories (default: every file in the data folder)" };
        var train = new Option<int?>("--train-per-class") { Description = "Drawings per class for training, from the start of each file (default 80 strokes / 1200 bitmaps)" };
        var test = new Option<int?>("--test-per-class") { Description = "Drawings per class for testing, right after the training ones (default 20 / 300)" };
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default 40 strokes / 5 bitmaps)" };
        var batch = new Option<int>("--batch-size") { Description = "Batch size", DefaultValueFactory = _ => 32 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var device = new Option<DeviceChoice>("--device") { Description = "cpu, cuda or auto", DefaultValueFactory = _ => DeviceChoice.Cpu };
        var output = new Option<string>("--output") { Description = "Run folder (checkpoint, weights, metrics, plots)", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") };
        var resume = new Option<bool>("--resume") { Description = "Continue from the run folder's checkpoint if there is one" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (1 is fastest when other work shares the cores)", DefaultValueFactory = _ => 1 };

        var command = new Command("train", "Train a classifier; writes checkpoints, metrics.csv, TensorBoard logs and PNG plots to the run folder")
        {
            data, format, categories, train, test, epochs, batch, seed, device, output, resume, threads,
        };
        command.SetAction(parse =>
        {
            DataFormat f = parse.GetValue(format);
            string folder = DataLocator.Find(parse.GetValue(data), f);
            var settings = new RunSettings(
                f,
                folder,
                DataLocator.Categories(folder, f, parse.GetValue(categories)),
                parse.GetValue(train) ?? (f == DataFormat.Strokes ? 80 : 1200),
                parse.GetValue(test) ?? (f == DataFormat.Strokes ? 20 : 300),
                parse.GetValue(seed));
            int e = parse.GetValue(epochs) ?? (f == DataFormat.Strokes ? 40 : 5);
            QuickDrawDsl.Runtime.Native.TorchNative.EnsureLoaded();
            torch.set_num_threads(Math.Max(1, parse.GetValue(threads)));
            Execute(new RunFolder(parse.GetValue(output)!), settings, e, parse.GetValue(batch), parse.GetValue(device), parse.GetValue(resume), Console.Out);
            return 0;
        });
        return command;
    }

    /// <summary>Trains and saves the run; returns the final test accuracy.</summary>
    public static double Execute(RunFolder run, RunSettings settings, int epochs, int batchSize, DeviceChoice device, bool resume, TextWriter log, ProgressMode progress = ProgressMode.Auto)
    {
        if (!resume && File.Exists(run.Checkpoint))
        {
            File.Delete(run.Checkpoint);
        }

        log.WriteLine($"Training on {settings.Categories.Count} categories from {settings.Data} ({settings.TrainPerClass} train / {settings.TestPerClass} test per class)");
        (IBatchLoader train, IBatchLoader test, settings) = RunData.Loaders(settings, batchSize);
        run.Save(settings);
        using nn.Module<Tensor, Tensor> model = RunData.CreateModel(settings);
        TrainerOptions options = TrainingRecipes.Classification(epochs, settings.Categories, settings.Seed, topK: 3) with
        {
            LabelSmoothing = 0.1,
            Device = device,
            CheckpointPath = run.Checkpoint,
            Resume = resume,
            OutputDirectory = run.Path,
            Progress = progress,
            Log = log,
        };
        using var trainer = new Trainer(model, options);
        TrainingResult result = trainer.Fit(train, test);
        model.save(run.Weights);
        double accuracy = result.History[^1].Get(MetricNames.ValidationAccuracy);
        log.WriteLine($"Final test top-1 accuracy {accuracy:P1} after {result.History.Count} epochs; run saved to {run.Path}");
        foreach (string file in result.OutputFiles.Where(File.Exists))
        {
            log.WriteLine("  " + file);
        }

        return accuracy;
    }
}
