using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>The files of one run, and the settings later commands need to rebuild its data and model.</summary>
internal sealed record RunFolder(string Path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>A run's files: kept unless --resume or --force says what to do with them.</summary>
    public static RunFolderRule Rule { get; } = new("--out",
    [
        "run.json", "checkpoint.qdckpt", "model.bin", "model.onnx", "metrics.csv", "tensorboard", "loss.png", "accuracy.png",
        "confusion_matrix.png", "clips.png", "results.md", "results.json", "samples",
    ]);

    public string Checkpoint => System.IO.Path.Combine(Path, "checkpoint.qdckpt");

    public string Weights => System.IO.Path.Combine(Path, "model.bin");

    public string Onnx => System.IO.Path.Combine(Path, "model.onnx");

    public string SettingsFile => System.IO.Path.Combine(Path, "run.json");

    public string ContactSheet => System.IO.Path.Combine(Path, "clips.png");

    public string ResultsMarkdown => System.IO.Path.Combine(Path, "results.md");

    public string ResultsJson => System.IO.Path.Combine(Path, "results.json");

    public string Samples => System.IO.Path.Combine(Path, "samples");

    public void Save(RunSettings settings) => AtomicText.Write(SettingsFile, JsonSerializer.Serialize(settings, Json));

    public RunSettings Load()
    {
        RunSettings settings = RunSettingsFile.Read<RunSettings>(SettingsFile, Path, $"video train --out {Path}", Json);
        if (settings.Classes is null || settings.Classes.Count < 2 || settings.TrainPerClass < 1 || settings.TestPerClass < 1 || !(settings.HoldOut is >= 0 and < 0.5))
        {
            throw new UserError($"{SettingsFile} is not a valid run.json (Classes, TrainPerClass, TestPerClass or HoldOut is missing or wrong); it is written by training: train again with --force, or restore the file");
        }

        return settings;
    }

    public void RequireWeights()
    {
        if (!File.Exists(Weights))
        {
            throw new UserError($"{Weights} is missing; train the run first: video train --out {Path}");
        }
    }

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);
}
