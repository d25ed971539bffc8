using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>The files of one run, and the settings later commands need to rebuild its data and model.</summary>
internal sealed record RunFolder(string Path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public string Checkpoint => System.IO.Path.Combine(Path, "checkpoint.qdckpt");

    public string Weights => System.IO.Path.Combine(Path, "model.bin");

    public string Onnx => System.IO.Path.Combine(Path, "model.onnx");

    public string SettingsFile => System.IO.Path.Combine(Path, "run.json");

    public string ContactSheet => System.IO.Path.Combine(Path, "clips.png");

    public string ResultsMarkdown => System.IO.Path.Combine(Path, "results.md");

    public string ResultsJson => System.IO.Path.Combine(Path, "results.json");

    public string Samples => System.IO.Path.Combine(Path, "samples");

    public void Save(RunSettings settings)
    {
        Directory.CreateDirectory(Path);
        File.WriteAllText(SettingsFile, JsonSerializer.Serialize(settings, Json));
    }

    public RunSettings Load()
    {
        if (!File.Exists(SettingsFile))
        {
            throw new UserError($"'{Path}' is not a training run (no run.json); train first: video train --out {Path}");
        }

        return JsonSerializer.Deserialize<RunSettings>(File.ReadAllText(SettingsFile), Json)
            ?? throw new UserError($"{SettingsFile} is empty; train again.");
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
