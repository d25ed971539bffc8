using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.Video.Pipeline;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary>
/// <c>video</c> / <c>video all</c>: <c>generate</c> clips into <c>&lt;output&gt;/clips</c>, then the generated
/// <c>train</c>, <c>evaluate</c> and <c>export</c> on them, then the example's report (<see cref="RunReport"/>):
/// ONNX Runtime against TorchSharp on every test clip, per-class accuracy, one test clip per class classified from its
/// file by <c>predict</c>, <c>clips.png</c>, <c>results.md</c> and <c>results.json</c>.
/// </summary>
internal static class RunAllCommand
{
    /// <summary>Clips generated a class by default: about 420 for training, 90 for validation and 90 for test (the spec's 15 % splits).</summary>
    public const int DefaultPerClass = 600;

    /// <summary>The run-folder entries <c>all</c> writes besides the generated command line's.</summary>
    public static IReadOnlyList<string> ReportFiles { get; } = [RunReport.ClipsFolder, RunReport.ContactSheet, RunReport.ResultsMarkdown, RunReport.ResultsJson, RunReport.Samples];

    public static Command Create(RootCommand root)
    {
        var command = new Command("all", "The default: generate clips, train, evaluate, export to ONNX with a parity check, write results.md");
        Configure(command, root);
        return command;
    }

    /// <summary>Gives <paramref name="command"/> (the root or <c>all</c>) the options and the action, which runs the steps through <paramref name="root"/>.</summary>
    public static void Configure(Command command, RootCommand root)
    {
        var training = new MotionClassifierTraining();
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => training.Epochs }.AtLeast(1);
        var perClass = new Option<int>("--per-class") { Description = "Clips generated a class (15 % of them held out for validation and 15 % for test)", DefaultValueFactory = _ => DefaultPerClass }.AtLeast(3);
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the generated clips' pixel noise", DefaultValueFactory = _ => GenerateCommand.DefaultNoise }.NotNegative();
        var batchSize = new Option<int>("--batch-size") { Description = "Batch size", DefaultValueFactory = _ => training.BatchSize }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Seed of the clips, the splits, the model and the shuffling", DefaultValueFactory = _ => (int)training.Seed };
        var output = new Option<string>("--output") { Description = "Run folder (clips, weights, checkpoint, metrics, model.onnx, results)", DefaultValueFactory = _ => RunFiles.DefaultFolder(MotionClassifier.Info.Name) }.NotBlank();
        Option<int> threads = CommonOptions.Threads();
        Option<bool> force = CommonOptions.Force();
        foreach (Option option in new Option[] { epochs, perClass, noise, batchSize, seed, output, threads, force })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string run = parse.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(run, "--output");
            RunStart start = new RunFolderRule("--output", [.. RunFiles.All, .. ReportFiles]).Decide(run, resume: false, parse.GetValue(force));
            string clips = Path.Combine(run, RunReport.ClipsFolder);
            string[] forced = start == RunStart.Restart ? ["--force"] : [];
            string seedText = Text(parse.GetValue(seed));
            string[] threadCount = ["--threads", Text(parse.GetValue(threads))];
            CommandLineProgram.RunStep(root, "video", ["generate", "--output", clips, "--per-class", Text(parse.GetValue(perClass)), "--seed", seedText, "--noise", Text(parse.GetValue(noise)), .. forced]);
            var clock = Stopwatch.StartNew();
            CommandLineProgram.RunStep(root, "video", ["train", "--data", clips, "--output", run, "--epochs", Text(parse.GetValue(epochs)), "--batch-size", Text(parse.GetValue(batchSize)), "--seed", seedText, .. threadCount, .. forced]);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            CommandLineProgram.RunStep(root, "video", ["evaluate", "--data", clips, "--output", run, .. threadCount]);
            CommandLineProgram.RunStep(root, "video", ["export", "--output", run]);
            RunReport.Write(run, parse.GetValue(seed), trainSeconds, CommandLine(parse), sample => CommandLineProgram.RunStep(root, "video", ["predict", "--output", run, "--input", sample, "--top", "3", .. threadCount]));
            return ExitCodes.Success;
        });
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string CommandLine(ParseResult parse)
    {
        string args = string.Join(' ', parse.Tokens.Select(t => t.Value));
        return ("dotnet run -c Release --project Examples/Video" + (args.Length > 0 ? " -- " + args : string.Empty)).TrimEnd();
    }
}
