using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Training;
using Spectre.Console;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary>
/// <c>video</c> / <c>video all</c>: generate clips, train, evaluate on the held-out clips, export to ONNX and check it,
/// write one held-out clip per class to samples/ and classify them with ONNX Runtime, print and write the results.
/// </summary>
internal static class RunAllCommand
{
    public static Command Create()
    {
        var command = new Command("all", "The default: generate clips, train, evaluate on held-out clips, export to ONNX with a parity check, write results.md");
        Configure(command);
        return command;
    }

    /// <summary>Gives <paramref name="command"/> (the root or <c>all</c>) the options and the action.</summary>
    public static void Configure(Command command)
    {
        var options = new TrainOptions();
        options.AddTo(command);
        command.SetAction(parse =>
        {
            RunSettings settings = options.Generated(parse);
            RunStart start = options.ClaimRunFolder(parse, resume: false);
            TrainOptions.UseThreads(parse.GetValue(options.Threads));
            var run = new RunFolder(parse.GetValue(options.Out)!);
            TrainOptions.Begin(run, start, Console.Out);
            Execute(run, settings, parse.GetValue(options.Epochs), parse.GetValue(options.BatchSize), Console.Out, ExampleConsole.Create(), ProgressMode.Auto, CommandLine(parse));
            return ExitCodes.Success;
        });
    }

    public static RunResults Execute(RunFolder run, RunSettings settings, int epochs, int batchSize, TextWriter log, IAnsiConsole console, ProgressMode progress, string command)
    {
        TrainingSummary training = TrainCommand.Execute(run, settings, epochs, batchSize, resume: false, log, progress);
        Evaluation evaluation = EvaluateCommand.Execute(run);
        EvaluateCommand.Print(evaluation, console);
        ExportParity parity = ExportCommand.Execute(run);
        ExportCommand.Print(parity, log);

        // One held-out clip per class, written as the predict command reads it and classified from the file.
        Directory.CreateDirectory(run.Samples);
        using var predictor = new OnnxPredictor(run.Onnx);
        foreach (VideoClip clip in ClipSets.LoadTest(settings).DistinctBy(c => c.Label).OrderBy(c => c.Label))
        {
            string path = Path.Combine(run.Samples, settings.Classes[(int)clip.Label] + ".npy");
            VideoClipWriter.ToNpy(clip, path);
            ClipPrediction p = PredictCommand.Execute(predictor, PredictCommand.Read(path, ClipLayout.ChannelsFramesHeightWidth), path);
            log.WriteLine($"video predict --input {path}: " + string.Join("  ", p.Ranked.Take(3).Select(r => $"{r.Label} {r.Probability:P1}")));
        }

        long parameters;
        using (MotionClassifier model = ClipModel.Create(settings))
        {
            parameters = model.parameters().Sum(p => p.numel());
        }

        RunResults results = RunResults.From(training, evaluation, parity, parameters, command);
        results.Save(run);
        log.WriteLine();
        log.Write(results.ToMarkdown());
        log.WriteLine($"Results written to {run.ResultsMarkdown} and {run.ResultsJson}");
        return results;
    }

    private static string CommandLine(ParseResult parse)
    {
        string args = string.Join(' ', parse.Tokens.Select(t => t.Value));
        return ("dotnet run -c Release --project Examples/Video" + (args.Length > 0 ? " -- " + args : string.Empty)).TrimEnd();
    }
}
