using System.IO;
using System.Linq;
using System.Text.Json;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>The files of one training run, and the settings later commands need to rebuild its data and model.</summary>
internal sealed record RunFolder(string Path)
{
    /// <summary>What <c>train</c> may find there: a run's files, kept unless --resume or --force says what to do with them.</summary>
    public static RunFolderRule Rule { get; } = new("--output",
    [
        "run.json", "checkpoint.qdckpt", "model.bin", "model.onnx", "metrics.csv", "tensorboard", "loss.png", "accuracy.png",
        "confusion_matrix.png", QuickDrawDsl.CommandLine.DataReport.FileName, "prediction.png",
    ]);

    public string Checkpoint => System.IO.Path.Combine(Path, "checkpoint.qdckpt");

    public string Weights => System.IO.Path.Combine(Path, "model.bin");

    public string Onnx => System.IO.Path.Combine(Path, "model.onnx");

    public string SettingsFile => System.IO.Path.Combine(Path, "run.json");

    public string DataReportFile => System.IO.Path.Combine(Path, QuickDrawDsl.CommandLine.DataReport.FileName);

    public bool HasSettings => File.Exists(SettingsFile);

    public void Save(RunSettings settings) =>
        AtomicText.Write(SettingsFile, JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }));

    public RunSettings Load()
    {
        RunSettings settings = RunSettingsFile.Read<RunSettings>(SettingsFile, Path, $"quickdraw train --output {Path}");
        string? missing = settings.Data is null ? "Data"
            : settings.Categories is null || settings.Categories.Any(c => string.IsNullOrEmpty(c)) ? "Categories"
            : settings.Categories.Count < 2 ? "Categories (at least 2)"
            : settings.Cache is null && settings.TrainPerClass < 1 ? "TrainPerClass"
            : settings.Cache is null && settings.TestPerClass < 1 ? "TestPerClass"
            : settings.Cache is not null && (settings.Format != DataFormat.Strokes || string.IsNullOrEmpty(settings.Cache.ManifestSha256)) ? "Cache"
            : !float.IsFinite(settings.OffsetScale) || settings.OffsetScale <= 0 ? "OffsetScale"
            : settings.ValidationFraction is { } f && (settings.Cache is not null || !(f > 0 && f < 1) || settings.TrainPerClass < 2) ? "ValidationFraction"
            : null;
        if (missing is not null)
        {
            throw new UserError($"{SettingsFile} is not a valid run.json (field '{missing}' is missing or wrong); it is written by training: train again with --force, or restore the file");
        }

        return settings;
    }

    public void RequireWeights()
    {
        if (!File.Exists(Weights))
        {
            throw new UserError($"{Weights} is missing; train the run first: quickdraw train --output {Path}");
        }
    }

    public void RequireOnnx()
    {
        if (!File.Exists(Onnx))
        {
            throw new UserError($"{Onnx} is missing; export the run first: quickdraw export --output {Path}");
        }
    }
}
