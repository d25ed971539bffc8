using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.QuickDraw;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>
/// <c>quickdraw all</c> (the main job): the generated <c>train</c>, <c>evaluate</c> and <c>export</c> of the stroke
/// classifier, run through the program's own commands so that it runs exactly what a user's separate commands run, then
/// one test drawing classified by <c>predict</c> with ONNX Runtime and drawn to <c>prediction.png</c>.
/// </summary>
internal static class RunAllCommand
{
    /// <summary>The PNG <c>all</c> draws the test drawing to, in the run folder.</summary>
    public const string PredictionPng = "prediction.png";

    // What a run of 'all' leaves besides the generated command line's files: the plots and the prediction.
    private static readonly RunFolderRule Rule = new("--output", [.. RunFiles.All, .. PlotsCallback.Files, PredictionPng]);

    public static Command Create(RootCommand root)
    {
        var data = new Option<string?>("--data") { Description = "Folder of <category>.ndjson (default: $QUICKDRAW_DATA, ./data/quickdraw, the sample data beside the repository)" };
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default: training.epochs of Models/SketchClassifier.model.yaml)" }.AtLeast(1);
        var seed = new Option<long?>("--seed") { Description = "Random seed (default: its training.seed)" };
        var output = new Option<string>("--output") { Description = "Run folder", DefaultValueFactory = _ => QuickDrawExperiment.RunFolder }.NotBlank();
        var maxBad = new Option<double?>(DataChecks.MaxBadFractionOption) { Description = "Largest share of bad records accepted before training stops (default: data.max_bad_fraction)" };
        Option<bool> resume = CommonOptions.Resume();
        Option<bool> force = CommonOptions.Force();
        Option<int> threads = CommonOptions.Threads();
        var command = new Command("all", "Train the stroke classifier, evaluate it, export it to ONNX and classify one test drawing with ONNX Runtime")
        {
            data, epochs, seed, output, maxBad, resume, force, threads,
        };
        command.SetAction(parse =>
        {
            string run = parse.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(run, "--output");
            RunStart start = Rule.Decide(run, parse.GetValue(resume), parse.GetValue(force));
            string folder = DataLocator.Find(parse.GetValue(data), DataFormat.Strokes);
            if (start == RunStart.Restart)
            {
                Rule.Clear(run);
            }

            string[] threadCount = ["--threads", Text(parse.GetValue(threads))];
            var train = new List<string> { "train", "--data", folder, "--output", run };
            train.AddRange(threadCount);
            Add(train, "--epochs", parse.GetValue(epochs));
            Add(train, "--seed", parse.GetValue(seed));
            Add(train, DataChecks.MaxBadFractionOption, parse.GetValue(maxBad));
            if (start == RunStart.Resume)
            {
                train.Add("--resume");
            }

            CommandLineProgram.RunStep(root, "quickdraw", [.. train]);
            CommandLineProgram.RunStep(root, "quickdraw", ["evaluate", "--output", run, .. threadCount]);
            CommandLineProgram.RunStep(root, "quickdraw", ["export", "--output", run]);

            // A test drawing: the last readable line of the first category's file (each file's last drawings are test drawings).
            string first = Path.Combine(folder, DataLocator.Categories(folder, DataFormat.Strokes, null)[0] + ".ndjson");
            string png = Path.Combine(run, PredictionPng);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(LastDrawing(first) + "\n"));
            DrawingPrediction p = PredictCommand.Execute(run, stream, first, png).Single();
            Console.WriteLine($"A test '{p.Word}': " + string.Join("  ", p.Top.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Label} {t.Probability:P1}"))) + $"  (drawn to {png})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Add<T>(List<string> args, string option, T? value)
        where T : struct, IFormattable
    {
        if (value is { } v)
        {
            args.Add(option);
            args.Add(v.ToString(null, CultureInfo.InvariantCulture));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

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
