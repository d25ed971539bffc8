using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary><c>quickdraw all</c>: train → evaluate → export → predict one test drawing, on the sample data by default.</summary>
internal static class RunAllCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder of <category>.ndjson (default: as for train)" };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs (default: training.epochs of Models/SketchClassifier.model.yaml)", DefaultValueFactory = _ => ExperimentRecipe.Training(DataFormat.Strokes).Epochs }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed (default: its training.seed)", DefaultValueFactory = _ => (int)ExperimentRecipe.Training(DataFormat.Strokes).Seed }.AtLeast(0);
        var output = new Option<string>("--output") { Description = "Run folder", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") }.NotBlank();
        Option<bool> resume = CommonOptions.Resume();
        Option<bool> force = CommonOptions.Force();
        Option<double> maxBad = CommonOptions.MaxBadFraction();
        maxBad.DefaultValueFactory = _ => ExperimentRecipe.MaxBadFraction(DataFormat.Strokes);
        Option<int> threads = CommonOptions.Threads();
        var command = new Command("all", "Train the stroke classifier, evaluate it, export it to ONNX and classify one test drawing with ONNX Runtime")
        {
            data, epochs, seed, output, resume, force, maxBad, threads,
        };
        command.SetAction(parse =>
        {
            var run = new RunFolder(parse.GetValue(output)!);
            OutputLocation.EnsureWritableFolder(run.Path, "--output");
            RunStart start = RunFolder.Rule.Decide(run.Path, parse.GetValue(resume), parse.GetValue(force));
            string folder = DataLocator.Find(parse.GetValue(data), DataFormat.Strokes);
            var settings = new RunSettings(DataFormat.Strokes, folder, DataLocator.Categories(folder, DataFormat.Strokes, null), ExperimentRecipe.TrainPerClass(DataFormat.Strokes), ExperimentRecipe.TestPerClass(DataFormat.Strokes), parse.GetValue(seed), ValidationFraction: ExperimentRecipe.ValidationFraction(DataFormat.Strokes));
            if (start == RunStart.Resume)
            {
                settings = TrainCommand.KeepLegacyValidation(run, settings, fractionGiven: false, Console.Out);
                TrainCommand.CheckResumable(run, settings);
            }

            TorchNative.EnsureLoaded();
            TorchSharp.torch.set_num_threads(parse.GetValue(threads));
            TrainCommand.Begin(run, start, Console.Out);
            TrainCommand.Execute(run, settings, parse.GetValue(epochs), ExperimentRecipe.Training(DataFormat.Strokes).BatchSize, ExperimentRecipe.Training(DataFormat.Strokes).Device, resume: start == RunStart.Resume, Console.Out, ProgressMode.Auto, parse.GetValue(maxBad));
            EvaluateCommand.Print(EvaluateCommand.Execute(run), ExampleConsole.Create());
            ExportParity parity = ExportCommand.Execute(run);
            Console.WriteLine($"Exported {parity.Path}: max |TorchSharp - ONNX Runtime| = {parity.MaxAbsDiff:E2}; top-1 agrees on {parity.SameTop1}/{parity.Drawings}");

            // A test drawing: the last readable line of the first category's file (the last 20 of each file are test drawings).
            string first = Path.Combine(folder, settings.Categories[0] + ".ndjson");
            string line = LastDrawing(first);
            string png = Path.Combine(run.Path, "prediction.png");
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(line + "\n"));
            DrawingPrediction p = PredictCommand.Execute(run, stream, first, png).Single();
            Console.WriteLine($"A test '{p.Word}': " + string.Join("  ", p.Top.Select(t => $"{t.Label} {t.Probability:P1}")) + $"  (drawn to {png})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string LastDrawing(string file)
    {
        foreach (string line in File.ReadLines(file).Where(l => l.Trim().Length > 0).Reverse())
        {
            var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false });
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(line));
            if (reader.Read(stream, file).Any())
            {
                return line;
            }
        }

        throw new UserError($"{file} holds no readable drawing to try predict on");
    }
}
