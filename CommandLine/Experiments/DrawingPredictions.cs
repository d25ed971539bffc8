using System;
using System.IO;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>predict</c> over a file of drawings for any classifier of drawings: reads an <c>.ndjson</c> or <c>.bin</c> file (by its
/// extension), turns each drawing into the model's input with the format's own features, and prints one
/// <see cref="PredictionLine"/> a drawing. A project's <see cref="ExperimentFormat"/> that encodes drawings its own way
/// calls it from <see cref="ExperimentFormat.Predict"/>.
/// </summary>
public static class DrawingPredictions
{
    /// <summary>Classifies every drawing of <see cref="PredictRequest.File"/> and prints one line each.</summary>
    /// <param name="request">What <c>predict</c> was asked.</param>
    /// <param name="features">One drawing's input, <c>[time × featureCount]</c> values.</param>
    /// <param name="featureCount">Values per time step of the model's input.</param>
    /// <returns>How many drawings were classified.</returns>
    /// <exception cref="UserError"><c>--top</c> exceeds the class count, or the file holds no drawing.</exception>
    public static int Run(PredictRequest request, Func<Drawing, float[]> features, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(features);
        Preprocessing preprocessing = request.Preprocessing;
        if (request.Top > preprocessing.Labels.Count)
        {
            throw new UserError($"--top {request.Top} is more than the {preprocessing.Labels.Count} classes; use at most {preprocessing.Labels.Count}");
        }

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
            float[] input = features(drawing);
            ClassPrediction prediction = predictor.Predict(input, [input.Length / featureCount, featureCount]);
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
