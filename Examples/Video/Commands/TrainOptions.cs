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

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => DefaultEpochs };

    public Option<int> TrainPerClass { get; } = new("--train-per-class") { Description = "Generated training clips per class", DefaultValueFactory = _ => DefaultTrainPerClass };

    public Option<int> TestPerClass { get; } = new("--test-per-class") { Description = "Generated validation clips per class, and as many held-out test clips", DefaultValueFactory = _ => DefaultTestPerClass };

    public Option<double> Noise { get; } = new("--noise") { Description = "Standard deviation of the generated clips' pixel noise", DefaultValueFactory = _ => DefaultNoise };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Batch size", DefaultValueFactory = _ => 32 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the model, the shuffling and the training clips (validation: seed + 1, test: seed + 2)", DefaultValueFactory = _ => 42 };

    public Option<string> Out { get; } = new("--out") { Description = "Run folder (weights, checkpoint, metrics, plots, model.onnx, results)", DefaultValueFactory = _ => Path.Combine("runs", "video") };

    public Option<int> Threads { get; } = new("--threads") { Description = "libtorch threads (1 is fastest when other work shares the cores)", DefaultValueFactory = _ => 1 };

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
    }

    public RunSettings Generated(ParseResult parse)
    {
        int train = parse.GetValue(TrainPerClass), test = parse.GetValue(TestPerClass);
        if (train < 1 || test < 1)
        {
            throw new UserError($"--train-per-class ({train}) and --test-per-class ({test}) must be at least 1.");
        }

        return new RunSettings(null, ClipSets.GeneratedClasses, parse.GetValue(Seed), train, test, parse.GetValue(Noise), ClipLayout.ChannelsFramesHeightWidth, Resize: false, HoldOut: 0);
    }

    public static void UseThreads(int threads)
    {
        QuickDrawDsl.Runtime.Native.TorchNative.EnsureLoaded();
        TorchSharp.torch.set_num_threads(Math.Max(1, threads));
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
