using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// What a run was started with, written by <c>train</c> into its run folder (<see cref="RunFiles.TrainSettings"/>) before
/// the first epoch: the data, the classes, the seed, the spec and every setting that decides which examples go to which
/// split. <c>train --resume</c> refuses to continue the run with any of them changed (the checkpoint would go on over
/// other examples), and <c>evaluate</c> and <c>export</c> read the test split the run was trained beside.
/// </summary>
/// <param name="Model">The model's name.</param>
/// <param name="SpecHash">The hash of the model's spec as declared (<c>ModelSpecHash</c>).</param>
/// <param name="Labels">The classes in label order; empty for a regression run.</param>
/// <param name="Settings">
/// The settings, keyed by the option that sets them where there is one (<c>--data</c>, <c>--seed</c>,
/// <c>--max-per-class</c>, a format's own such as <c>--train-per-class</c>), else by the spec's field
/// (<c>data.splits.test</c>); values as the command line writes them.
/// </param>
public sealed record TrainSettings(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("spec_hash")] string SpecHash,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("settings")] IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>Writes the file atomically.</summary>
    /// <param name="path">The file.</param>
    public void Save(string path)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, TrainSettingsJsonContext.Default.TrainSettings));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads the file of a run, if it has one.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The settings; null when the file does not exist (a run started before it was written).</returns>
    /// <exception cref="UserError">The file exists but is not a run's settings.</exception>
    public static TrainSettings? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        TrainSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize(File.ReadAllText(path), TrainSettingsJsonContext.Default.TrainSettings);
        }
        catch (JsonException ex)
        {
            throw new UserError($"{path} is not valid JSON ({OneLine.Of(ex.Message).TrimEnd('.')}); it is written by train: train again with --force, or restore the file");
        }

        string? broken = settings is null ? "the whole file"
            : string.IsNullOrEmpty(settings.Model) ? "model"
            : string.IsNullOrEmpty(settings.SpecHash) ? "spec_hash"
            : settings.Labels is null || settings.Labels.Any(string.IsNullOrEmpty) ? "labels"
            : settings.Settings is null || settings.Settings.Values.Any(v => v is null) ? "settings"
            : null;
        return broken is null ? settings : throw new UserError($"{path} is not a run's settings (field '{broken}' is missing or wrong); it is written by train: train again with --force, or restore the file");
    }

    /// <summary>
    /// Refuses to resume a run with settings other than those it was started with, in one line that names the first
    /// setting that differs, its value in the run and the fix.
    /// </summary>
    /// <param name="requested">What this command asks for.</param>
    /// <param name="runFolder">The run folder, for the message.</param>
    /// <param name="labelsSetting">What sets the classes, for the message (<see cref="ExperimentFormat.LabelsSetting"/>).</param>
    /// <exception cref="UserError">A setting differs.</exception>
    public void CheckResumable(TrainSettings requested, string runFolder, string labelsSetting)
    {
        ArgumentNullException.ThrowIfNull(requested);
        const string Fix = "resume with the run's settings, or pass --force to start over";
        if (requested.Model != Model)
        {
            throw new UserError($"--resume: the run in {runFolder} trains {Model}, not {requested.Model}; resume it with --model {Model}, or pass --force to start over");
        }

        if (requested.SpecHash != SpecHash)
        {
            throw new UserError($"--resume: the run in {runFolder} was started from another version of {Model}'s spec (its layers, shapes or labels changed since); pass --force to start over with the spec as it is now, or restore the spec");
        }

        if (!requested.Labels.SequenceEqual(Labels, StringComparer.Ordinal))
        {
            throw new UserError($"--resume: the run in {runFolder} was started with {labelsSetting} {string.Join(',', Labels)}, and this command asks for {string.Join(',', requested.Labels)}; {Fix}");
        }

        foreach ((string key, string value) in Settings)
        {
            string? asked = requested.Settings.GetValueOrDefault(key);
            if (asked != value)
            {
                throw new UserError($"--resume: the run in {runFolder} was started with {key} {value}, and this command asks for {asked ?? "none"}; {Fix}");
            }
        }

        if (requested.Settings.Keys.FirstOrDefault(k => !Settings.ContainsKey(k)) is { } added)
        {
            throw new UserError($"--resume: the run in {runFolder} was started without {added}, and this command asks for {added} {requested.Settings[added]}; {Fix}");
        }
    }
}
