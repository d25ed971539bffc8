using System;
using System.IO;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Inference;
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
        Preprocessing preprocessing = request.Preprocessing;
        if (request.Top > preprocessing.Labels.Count)
        {
            throw new UserError($"--top {request.Top} is more than the {preprocessing.Labels.Count} classes; use at most {preprocessing.Labels.Count}");
        }

        DrawingData.CheckModel(request.Info);
        using var predictor = ClassificationPredictor.FromModel(request.Module, ClassifierOutput.Logits, preprocessing.Labels);
        // The input's own extension decides its reader, so a bin-trained model also classifies ndjson drawings.
        // Only 'drawing' is required: a user's own drawing has no key_id, country or timestamp.
        var options = new QuickDrawReadOptions { OneClassPerFile = false, DeduplicateKeyIds = false, RequireMetadata = false };
        bool binary = string.Equals(Path.GetExtension(request.File), ".bin", StringComparison.OrdinalIgnoreCase);
        var ndjson = new QuickDrawNdjsonReader(options);
        var bin = new QuickDrawBinaryReader(options);
        DataReadReport report = binary ? bin.Report : ndjson.Report;
        int n = 0;
        foreach (Drawing drawing in binary ? bin.ReadFile(request.File, "input") : ndjson.ReadFile(request.File))
        {
            float[] features = DrawingData.Features(drawing, preprocessing, DrawingData.FixedLength(request.Info));
            ClassPrediction prediction = predictor.Predict(features, [features.Length / 3, 3]);
            Console.WriteLine(PredictionLine.Format(++n, prediction, request.Top));
        }

        if (n == 0)
        {
            throw new UserError(binary
                ? $"--input {request.File} holds no drawings{PredictionLine.Skipped(report)}; give a QuickDraw .bin file"
                : $"--input {request.File} holds no drawings{PredictionLine.Skipped(report)}; give an .ndjson file with one QuickDraw drawing a line");
        }

        if (report.BadRecords > 0)
        {
            Console.Error.WriteLine($"{request.Program}: {report.BadRecords} {(binary ? "record(s)" : "line(s)")} of {request.File} are not drawings and were skipped: {DataReport.Counts(report)}");
        }

        return n;
    }
}
