using System;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>quickdraw_ndjson</c> and <c>quickdraw_raw</c>: a folder of <c>&lt;class&gt;.ndjson</c> files classified as
/// stroke-3 sequences (<see cref="DrawingData"/>); <c>predict --input</c> takes an <c>.ndjson</c> file of drawings and
/// prints one line a drawing: its number, then label and probability for each of the top <c>--top</c> classes.
/// </summary>
internal sealed class DrawingFormat : ExperimentFormat
{
    /// <inheritdoc />
    public override TrainingTask Task => TrainingTask.Classification;

    /// <inheritdoc />
    public override string Examples => "drawings";

    /// <inheritdoc />
    public override string DataDescription => "the folder that holds one <class>.ndjson a class";

    /// <inheritdoc />
    public override string InputDescription => "an .ndjson file of drawings";

    /// <inheritdoc />
    public override void CheckPath(string path, DataSection data)
    {
        if (!Directory.Exists(path))
        {
            throw new UserError($"--data {path}: no such folder; give {DataDescription} (or set data.path in the spec)");
        }
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
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { OneClassPerFile = false, DeduplicateKeyIds = false });
        int n = 0;
        foreach (Drawing drawing in reader.ReadFile(request.File))
        {
            float[] features = DrawingData.Features(drawing, preprocessing, DrawingData.FixedLength(request.Info));
            ClassPrediction prediction = predictor.Predict(features, [features.Length / 3, 3]);
            Console.WriteLine(string.Join('\t', [(++n).ToString(CultureInfo.InvariantCulture), .. prediction.Top(request.Top).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Label}\t{s.Probability:0.####}"))]));
        }

        if (reader.Report.BadRecords > 0)
        {
            Console.Error.WriteLine($"{request.Program}: {reader.Report.BadRecords} line(s) of {request.File} are not drawings and were skipped: {DataReport.Counts(reader.Report)}");
        }

        if (n == 0)
        {
            throw new UserError($"--input {request.File} holds no drawings; give an .ndjson file with one QuickDraw drawing a line");
        }

        return n;
    }
}
