using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>The files of one training run, and the settings later commands need to rebuild its data and model.</summary>
internal sealed record RunFolder(string Path)
{
    public string Checkpoint => System.IO.Path.Combine(Path, "checkpoint.qdckpt");

    public string Weights => System.IO.Path.Combine(Path, "model.bin");

    public string Onnx => System.IO.Path.Combine(Path, "model.onnx");

    public string SettingsFile => System.IO.Path.Combine(Path, "run.json");

    public void Save(RunSettings settings)
    {
        Directory.CreateDirectory(Path);
        File.WriteAllText(SettingsFile, JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }));
    }

    public RunSettings Load()
    {
        if (!File.Exists(SettingsFile))
        {
            throw new UserError($"'{Path}' is not a training run (no run.json); train first: quickdraw train --output {Path}");
        }

        return JsonSerializer.Deserialize<RunSettings>(File.ReadAllText(SettingsFile))
            ?? throw new UserError($"{SettingsFile} is empty; train again.");
    }
}
