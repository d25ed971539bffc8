using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>npz</c>: Sketch-RNN archives, one <c>&lt;class&gt;.npz</c> a class (<see cref="NpzData"/>), for a classifier of
/// stroke-3 sequences <c>[time, 3]</c>. <c>predict --input</c> takes an <c>.npz</c> file and classifies the sequences of
/// its <c>array_key</c> array (else <c>test</c>, else its first): one line a sequence, number then label and probability.
/// </summary>
internal sealed class NpzFormat : ExperimentFormat
{
    private readonly string? arrayKey;

    /// <summary>Creates the format.</summary>
    /// <param name="arrayKey">The <c>data.array_key</c>.</param>
    public NpzFormat(string? arrayKey) => this.arrayKey = arrayKey;

    /// <inheritdoc />
    public override TrainingTask Task => TrainingTask.Classification;

    /// <inheritdoc />
    public override string Examples => "sequences";

    /// <inheritdoc />
    public override string DataDescription => "the folder that holds one <class>.npz (Sketch-RNN format) a class";

    /// <inheritdoc />
    public override string InputDescription => "an .npz file of stroke-3 sequences (Sketch-RNN format)";

    /// <inheritdoc />
    public override IReadOnlyList<string>? DataLabels(string path, DataSection data) => FolderLabels(path, ".npz");

    /// <inheritdoc />
    public override void CheckPath(string path, DataSection data, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!Directory.Exists(path))
        {
            throw new UserError(File.Exists(path) ? $"--data {path} is a file; give {DataDescription}" : $"--data {path}: no such folder; give {DataDescription} (or set data.path in the spec)");
        }

        foreach (string label in DrawingData.Labels(path, info, ".npz"))
        {
            string file = Path.Combine(path, label + ".npz");
            string[] members = [.. Members(file, "--data")];
            string[] wanted = data.ArrayKey is { } key ? [key] : ["train"];
            foreach (string missing in wanted.Where(w => !members.Contains(w, StringComparer.Ordinal)))
            {
                throw new UserError($"--data {file} has no array '{missing}'; its arrays are {string.Join(", ", members)}: set data.array_key to one of them");
            }
        }
    }

    /// <inheritdoc />
    public override void CheckModel(ModelInfo info, DataSection data) => DrawingData.CheckModel(info);

    /// <inheritdoc />
    public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord) =>
        NpzData.Load(data, path, info, trained, onBadRecord);

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
        string[] members = [.. Members(request.File, "--input")];
        string member = arrayKey ?? (members.Contains("test", StringComparer.Ordinal) ? "test" : members.FirstOrDefault())
            ?? throw new UserError($"--input {request.File} holds no arrays; give {InputDescription}");
        var reader = new SketchRnnNpzReader();
        int? fixedLength = DrawingData.FixedLength(request.Info);
        using var predictor = ClassificationPredictor.FromModel(request.Module, ClassifierOutput.Logits, preprocessing.Labels);
        int n = 0;
        foreach (Stroke3Sequence sequence in reader.ReadMember(request.File, member))
        {
            float[] features = DrawingData.Features(sequence, preprocessing, fixedLength);
            ClassPrediction prediction = predictor.Predict(features, [features.Length / 3, 3]);
            Console.WriteLine(PredictionLine.Format(++n, prediction, request.Top));
        }

        if (n == 0)
        {
            throw new UserError($"--input {request.File} has no sequences in '{member}'{PredictionLine.Skipped(reader.Report)}; give {InputDescription}");
        }

        if (reader.Report.BadRecords > 0)
        {
            Console.Error.WriteLine($"{request.Program}: {reader.Report.BadRecords} sequence(s) of {request.File} could not be read and were skipped: {DataReport.Counts(reader.Report)}");
        }

        return n;
    }

    private static System.Collections.Generic.IReadOnlyList<string> Members(string file, string option)
    {
        try
        {
            return SketchRnnNpzReader.ListMembers(file);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UserError($"{option} {file} is not an .npz archive ({ex.Message}); give Sketch-RNN .npz files", ex);
        }
    }
}
