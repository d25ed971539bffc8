using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Training;
using Spectre.Console;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary><c>quickdraw all</c>: train → evaluate → export → predict one test drawing, on the sample data by default.</summary>
internal static class RunAllCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder of <category>.ndjson (default: as for train)" };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--output") { Description = "Run folder", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") };
        var command = new Command("all", "Train the stroke classifier, evaluate it, export it to ONNX and classify one test drawing with ONNX Runtime") { data, epochs, seed, output };
        command.SetAction(parse =>
        {
            string folder = DataLocator.Find(parse.GetValue(data), DataFormat.Strokes);
            var run = new RunFolder(parse.GetValue(output)!);
            var settings = new RunSettings(DataFormat.Strokes, folder, DataLocator.Categories(folder, DataFormat.Strokes, null), 80, 20, parse.GetValue(seed));
            QuickDrawDsl.Runtime.Native.TorchNative.EnsureLoaded();
            TorchSharp.torch.set_num_threads(1);
            TrainCommand.Execute(run, settings, parse.GetValue(epochs), 32, DeviceChoice.Cpu, resume: false, Console.Out);
            EvaluateCommand.Print(EvaluateCommand.Execute(run), AnsiConsole.Console);
            ExportParity parity = ExportCommand.Execute(run);
            Console.WriteLine($"Exported {parity.Path}: max |TorchSharp - ONNX Runtime| = {parity.MaxAbsDiff:E2}; top-1 agrees on {parity.SameTop1}/{parity.Drawings}");

            // The last drawing of the first category's file is a test drawing (the last 20 of each file are).
            string first = Path.Combine(folder, settings.Categories[0] + ".ndjson");
            string line = File.ReadLines(first).Last(l => l.Length > 0);
            string png = Path.Combine(run.Path, "prediction.png");
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
            DrawingPrediction p = PredictCommand.Execute(run, stream, first, png).Single();
            Console.WriteLine($"A test '{p.Word}': " + string.Join("  ", p.Top.Select(t => $"{t.Label} {t.Probability:P1}")) + $"  (drawn to {png})");
            return 0;
        });
        return command;
    }
}
