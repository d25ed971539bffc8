using System;
using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>quickdraw_ndjson</c>, <c>quickdraw_raw</c> and <c>quickdraw_bin</c>: a folder of <c>&lt;class&gt;.ndjson</c> (or
/// <c>.bin</c>) files classified as stroke-3 sequences (<see cref="DrawingData"/>); <c>predict --input</c> takes an
/// <c>.ndjson</c> or <c>.bin</c> file of drawings (by its extension) and
/// prints one line a drawing: its number, then label and probability for each of the top <c>--top</c> classes.
/// </summary>
internal sealed class DrawingFormat : ExperimentFormat
{
    private readonly string extension;

    /// <summary>Creates the format of one <c>data.format</c>.</summary>
    /// <param name="format">quickdraw_ndjson, quickdraw_raw or quickdraw_bin.</param>
    public DrawingFormat(DataFormat format) => extension = DrawingData.Extension(format);

    /// <inheritdoc />
    public override TrainingTask Task => TrainingTask.Classification;

    /// <inheritdoc />
    public override string Examples => "drawings";

    /// <inheritdoc />
    public override string DataDescription => $"the folder that holds one <class>{extension} a class";

    /// <inheritdoc />
    public override string InputDescription => extension == ".bin" ? "a .bin file of drawings (or an .ndjson file)" : "an .ndjson file of drawings (or a .bin file)";

    /// <inheritdoc />
    public override IReadOnlyList<string>? DataLabels(string path, DataSection data) => FolderLabels(path, extension);

    /// <inheritdoc />
    public override void CheckPath(string path, DataSection data, ModelInfo info)
    {
        if (!Directory.Exists(path))
        {
            throw new UserError(File.Exists(path)
                ? $"--data {path} is a file; give {DataDescription}"
                : $"--data {path}: no such folder; give {DataDescription} (or set data.path in the spec)");
        }

        DrawingData.Labels(path, info, extension);
    }

    /// <inheritdoc />
    public override void CheckModel(ModelInfo info, DataSection data) => DrawingData.CheckModel(info);

    /// <inheritdoc />
    public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord) =>
        DrawingData.Load(data, path, info, seed, trained, onBadRecord);

    /// <inheritdoc />
    public override int Predict(PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        DrawingData.CheckModel(request.Info);
        int? fixedLength = DrawingData.FixedLength(request.Info);
        return DrawingPredictions.Run(request, drawing => DrawingData.Features(drawing, request.Preprocessing, fixedLength), 3);
    }
}
