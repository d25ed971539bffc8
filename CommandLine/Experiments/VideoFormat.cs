using System;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>video_clips</c>: a folder with one sub-folder a class of clips (a folder of PNG frames or a 4-D <c>.npy</c>
/// <c>[C, F, H, W]</c>), classified by a model whose input is <c>[channels, frames, frame_size, frame_size]</c>
/// (<see cref="VideoData"/>). <c>predict --input</c> takes one clip, an <c>.npy</c> file or a folder of PNG frames, and
/// prints one line: 1, then label and probability for each of the top <c>--top</c> classes.
/// </summary>
internal sealed class VideoFormat : ExperimentFormat
{
    /// <inheritdoc />
    public override TrainingTask Task => TrainingTask.Classification;

    /// <inheritdoc />
    public override string Examples => "clips";

    /// <inheritdoc />
    public override string DataDescription => "the folder with one sub-folder a class, each holding clips (folders of PNG frames or .npy [C, F, H, W])";

    /// <inheritdoc />
    public override string InputDescription => "one clip: an .npy file [C, F, H, W] or a folder of PNG frames";

    /// <inheritdoc />
    public override bool InputMayBeFolder => true;

    /// <inheritdoc />
    public override void CheckPath(string path, DataSection data, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!Directory.Exists(path))
        {
            throw new UserError(File.Exists(path) ? $"--data {path} is a file; give {DataDescription}" : $"--data {path}: no such folder; give {DataDescription} (or set data.path in the spec)");
        }

        string[] classes = [.. Directory.GetDirectories(path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        string spec = Path.GetFileName(info.SourceFile);
        if (info.Labels.Count > 0 && !info.Labels.SequenceEqual(classes, StringComparer.Ordinal))
        {
            throw new UserError($"--data {path} has the class folders {string.Join(", ", classes)}, but 'labels:' in {spec} lists {string.Join(", ", info.Labels)}; list the folders in ordinal order, or rename them");
        }

        string outputs = info.OutputShape.Count > 0 ? info.OutputShape[^1] : "?";
        if (outputs != classes.Length.ToString(CultureInfo.InvariantCulture))
        {
            throw new UserError($"model {info.Name} has {outputs} output classes but --data {path} has {classes.Length} class folders; give one folder a class, or change the last layer's units in {spec}");
        }
    }

    /// <inheritdoc />
    public override void CheckModel(ModelInfo info, DataSection data)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(data);
        string frames = data.Frames?.ToString(CultureInfo.InvariantCulture) ?? "?";
        string size = data.FrameSize?.ToString(CultureInfo.InvariantCulture) ?? "?";
        if (Shape(info) is not { } shape || shape[1].ToString(CultureInfo.InvariantCulture) != frames || shape[2].ToString(CultureInfo.InvariantCulture) != size || shape[3].ToString(CultureInfo.InvariantCulture) != size)
        {
            throw new UserError($"model {info.Name} takes {info.InputName} [{string.Join(", ", info.InputShape)}] ({info.InputDType}), but data.frames {frames} and data.frame_size {size} make clips [channels, {frames}, {size}, {size}]; declare 'input: {{ shape: [1, {frames}, {size}, {size}] }}' (or 3 channels) in {Path.GetFileName(info.SourceFile)}");
        }
    }

    /// <inheritdoc />
    public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] shape = Shape(info)!;
        VideoClipSplit split = VideoClipSplit.Create(path, shape[0] == 1, data.ValidationFraction, data.TestFraction, seed, data.MaxPerClass, onBadRecord);
        Preprocessing preprocessing = trained ?? new Preprocessing(split.Clips.ClassNames, 1, null) { Format = DataSection.FormatKey(data.Format) };
        return VideoData.Create(split, preprocessing, shape);
    }

    /// <inheritdoc />
    public override int Predict(PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Preprocessing preprocessing = request.Preprocessing;
        if (request.Top > preprocessing.Labels.Count)
        {
            throw new UserError($"--top {request.Top} is more than the {preprocessing.Labels.Count} classes; use at most {preprocessing.Labels.Count}");
        }

        int[] shape = Shape(request.Info) ?? throw new UserError($"model {request.Info.Name} does not take clips [channels, frames, height, width]; train a video model on this run folder");
        VideoClip clip;
        try
        {
            VideoClip read = Directory.Exists(request.File)
                ? VideoClipReader.FromPngFolder(request.File, 0, grayscale: shape[0] == 1)
                : VideoClipReader.FromNpy(request.File, ClipLayout.ChannelsFramesHeightWidth, 0);
            clip = VideoData.Fit(read, shape);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or DataFormatException or ArgumentException or FormatException)
        {
            throw new UserError($"--input {request.File} is not a clip ({ex.Message}); give {InputDescription}", ex);
        }

        using var predictor = ClassificationPredictor.FromModel(request.Module, ClassifierOutput.Logits, preprocessing.Labels);
        ClassPrediction prediction = predictor.Predict(clip.Data, [.. shape.Select(d => (long)d)]);
        Console.WriteLine(PredictionLine.Format(1, prediction, request.Top));
        return 1;
    }

    private static int[]? Shape(ModelInfo info)
    {
        if (info.InputShape.Count != 4 || info.InputDType != "float32")
        {
            return null;
        }

        var shape = new int[4];
        for (int i = 0; i < 4; i++)
        {
            if (!int.TryParse(info.InputShape[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]) || shape[i] < 1)
            {
                return null;
            }
        }

        return shape[0] is 1 or 3 ? shape : null;
    }
}
