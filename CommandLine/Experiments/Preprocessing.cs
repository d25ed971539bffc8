using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// What turns raw records into the model's input, fixed at training time and stored in the run folder
/// (<see cref="RunFiles.Preprocessing"/>), so that evaluate and predict read data exactly as train did.
/// </summary>
/// <remarks>
/// Each data format keeps what it needs: drawings the labels, offset scale and cut; a CSV series (a regression run,
/// no labels) the column, window, horizon and the normalisation <c>(value - shift) / scale</c>.
/// </remarks>
/// <param name="Labels">The class names in label order; empty for a regression run.</param>
/// <param name="OffsetScale">Stroke offsets are divided by this (the training split's offset spread); 1 for other formats.</param>
/// <param name="MaxPoints">Drawings are cut to this many points; null keeps them whole.</param>
public sealed record Preprocessing(
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("offset_scale")] double OffsetScale,
    [property: JsonPropertyName("max_points")] int? MaxPoints)
{
    /// <summary>The <c>data.format</c> the run was trained on (its YAML name); null in files written before formats were recorded (drawings).</summary>
    [JsonPropertyName("format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Format { get; init; }

    /// <summary>The CSV column the run forecasts.</summary>
    [JsonPropertyName("column")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Column { get; init; }

    /// <summary>Time steps the model sees (CSV).</summary>
    [JsonPropertyName("window")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Window { get; init; }

    /// <summary>Time steps the model predicts (CSV).</summary>
    [JsonPropertyName("horizon")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Horizon { get; init; }

    /// <summary>Subtracted from every value before it is divided by <see cref="Scale"/> (CSV; the training split's mean or minimum).</summary>
    [JsonPropertyName("shift")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Shift { get; init; }

    /// <summary>Every shifted value is divided by it (CSV; the training split's standard deviation or range).</summary>
    [JsonPropertyName("scale")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Scale { get; init; }

    /// <summary>
    /// The seed that assigned the examples to splits at training time (<c>training.seed</c> or <c>--seed</c>), so that
    /// evaluate tests on the very examples train held out; null in files written before it was recorded (the spec's seed).
    /// </summary>
    [JsonPropertyName("split_seed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SplitSeed { get; init; }

    /// <summary>Writes the file atomically.</summary>
    /// <param name="path">The file.</param>
    public void Save(string path)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, PreprocessingJsonContext.Default.Preprocessing));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads the file of a trained run.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The preprocessing.</returns>
    /// <exception cref="UserError">The file is missing or broken: the run was not trained.</exception>
    public static Preprocessing Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"{path} does not exist: train the model first (its run folder holds {RunFiles.Weights} and {RunFiles.Preprocessing}), or pass the run folder with --output");
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), PreprocessingJsonContext.Default.Preprocessing)
                ?? throw new UserError($"{path} is empty: train the model again with --force");
        }
        catch (JsonException ex)
        {
            throw new UserError($"{path} is not valid JSON ({ex.Message}); train the model again with --force");
        }
    }
}
