using System;
using System.CommandLine;
using System.IO;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary>The options shared by <c>video</c> (all), <c>video all</c> and <c>video train</c>, and how they become <see cref="RunSettings"/>.</summary>
internal sealed class TrainOptions
{
    public const int DefaultEpochs = 12;
    public const int DefaultTrainPerClass = 400;
    public const int DefaultTestPerClass = 100;
    public const double DefaultNoise = 0.3;

    public Option<int> Epochs { get; } = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => DefaultEpochs }.AtLeast(1);

    public Option<int> TrainPerClass { get; } = new Option<int>("--train-per-class") { Description = "Generated training clips per class", DefaultValueFactory = _ => DefaultTrainPerClass }.AtLeast(1);

    public Option<int> TestPerClass { get; } = new Option<int>("--test-per-class") { Description = "Generated validation clips per class, and as many held-out test clips", DefaultValueFactory = _ => DefaultTestPerClass }.AtLeast(1);

    public Option<double> Noise { get; } = new Option<double>("--noise") { Description = "Standard deviation of the generated clips' pixel noise", DefaultValueFactory = _ => DefaultNoise }.NotNegative();

    public Option<int> BatchSize { get; } = new Option<int>("--batch-size") { Description = "Batch size", DefaultValueFactory = _ => 32 }.AtLeast(1);

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the model, the shuffling and the training clips (validation: seed + 1, test: seed + 2)", DefaultValueFactory = _ => 42 };

    public Option<string> Out { get; } = new Option<string>("--out") { Description = "Run folder (weights, checkpoint, metrics, plots, model.onnx, results)", DefaultValueFactory = _ => Path.Combine("runs", "video") }.NotBlank();

    public Option<int> Threads { get; } = CommonOptions.Threads();

    public Option<bool> Force { get; } = CommonOptions.Force();

    public void AddTo(Command command)
    {
        command.Options.Add(Epochs);
        command.Options.Add(TrainPerClass);
        command.Options.Add(TestPerClass);
        command.Options.Add(Noise);
        command.Options.Add(BatchSize);
        command.Options.Add(Seed);
        command.Options.Add(Out);
        command.Options.Add(Threads);
        command.Options.Add(Force);
    }

    /// <summary>Checks the run folder before anything is made or read: writable, and not holding a run unless --resume or --force says what to do.</summary>
    public RunStart ClaimRunFolder(ParseResult parse, bool resume)
    {
        string folder = parse.GetValue(Out)!;
        OutputLocation.EnsureWritableFolder(folder, "--out");
        return RunFolder.Rule.Decide(folder, resume, parse.GetValue(Force));
    }

    /// <summary>Applies <paramref name="start"/>: deletes the old run for --force.</summary>
    public static void Begin(RunFolder run, RunStart start, TextWriter log)
    {
        if (start == RunStart.Restart)
        {
            RunFolder.Rule.Clear(run.Path);
            log.WriteLine($"--force: deleted the previous run in {run.Path}");
        }
    }

    public RunSettings Generated(ParseResult parse)
    {
        int train = parse.GetValue(TrainPerClass), test = parse.GetValue(TestPerClass);

        return new RunSettings(null, ClipSets.GeneratedClasses, parse.GetValue(Seed), train, test, parse.GetValue(Noise), ClipLayout.ChannelsFramesHeightWidth, Resize: false, HoldOut: 0);
    }

    public static void UseThreads(int threads)
    {
        QuickDrawDsl.Runtime.Native.TorchNative.EnsureLoaded();
        TorchSharp.torch.set_num_threads(threads);
    }

    public static ClipLayout ParseLayout(string text) => text switch
    {
        "cfhw" => ClipLayout.ChannelsFramesHeightWidth,
        "fhwc" => ClipLayout.FramesHeightWidthChannels,
        _ => throw new UserError($"--layout '{text}' is not a layout; use cfhw ([channels, frames, height, width]) or fhwc ([frames, height, width, channels])."),
    };

    public static Option<string> LayoutOption() =>
        new("--layout") { Description = ".npy axis order: cfhw = [channels, frames, height, width], fhwc = [frames, height, width, channels]", DefaultValueFactory = _ => "cfhw" };

    public static Option<bool> ResizeOption() =>
        new("--resize") { Description = "Resample clips of another shape to the model's input (frames, height, width by linear interpolation; gray <-> RGB)" };
}
