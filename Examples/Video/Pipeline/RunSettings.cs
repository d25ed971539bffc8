using System.Collections.Generic;
using System.Text.Json.Serialization;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>Everything needed to rebuild a run's data and model; saved as run.json in the run folder.</summary>
/// <param name="Data">Folder of labelled clips (one sub-folder per class), or null for generated clips.</param>
/// <param name="Classes">Class names, index = label.</param>
/// <param name="Seed">Seed of the model initialisation, the shuffling and (generated data) the training clips; validation and test clips use <c>Seed + 1</c> and <c>Seed + 2</c>.</param>
/// <param name="TrainPerClass">Generated training clips per class.</param>
/// <param name="TestPerClass">Generated validation clips and, separately, held-out test clips per class.</param>
/// <param name="Noise">Pixel noise of the generated clips.</param>
/// <param name="Layout">Axis order of the folder's <c>.npy</c> clips.</param>
/// <param name="Resize">Resample folder clips to the model's input shape instead of refusing other shapes.</param>
/// <param name="HoldOut">Folder data: the fraction of each class's clips held out for validation, and again for testing.</param>
internal sealed record RunSettings(
    string? Data,
    IReadOnlyList<string> Classes,
    int Seed,
    int TrainPerClass,
    int TestPerClass,
    double Noise,
    ClipLayout Layout,
    bool Resize,
    double HoldOut)
{
    [JsonIgnore]
    public bool Generated => Data is null;

    public string Describe() => Generated
        ? $"generated clips: {TrainPerClass} train / {TestPerClass} validation / {TestPerClass} held-out test per class (seeds {Seed}, {Seed + 1}, {Seed + 2}), noise {Noise:0.###}"
        : $"clips from {Data} ({HoldOut:P0} of each class for validation and {HoldOut:P0} for test, seed {Seed})";
}
