using System;
using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>npy</c>: QuickDraw's 28x28 bitmaps, one <c>&lt;class&gt;.npy</c> a class (<see cref="BitmapData"/>), for a
/// classifier whose fixed input holds 784 values. <c>predict --input</c> takes an <c>.npy</c> file of bitmaps and prints
/// one line an image: its number, then label and probability for each of the top <c>--top</c> classes.
/// </summary>
internal sealed class BitmapFormat : ExperimentFormat
{
    /// <inheritdoc />
    public override TrainingTask Task => TrainingTask.Classification;

    /// <inheritdoc />
    public override string Examples => "bitmaps";

    /// <inheritdoc />
    public override string DataDescription => "the folder that holds one <class>.npy of 28x28 uint8 bitmaps a class";

    /// <inheritdoc />
    public override string InputDescription => "an .npy file of 28x28 uint8 bitmaps, (N, 784)";

    /// <inheritdoc />
    public override IReadOnlyList<string>? DataLabels(string path, DataSection data) => FolderLabels(path, ".npy");

    /// <inheritdoc />
    public override void CheckPath(string path, DataSection data, ModelInfo info)
    {
        if (!Directory.Exists(path))
        {
            throw new UserError(File.Exists(path)
                ? $"--data {path} is a file; give {DataDescription}"
                : $"--data {path}: no such folder; give {DataDescription} (or set data.path in the spec)");
        }

        foreach (string label in DrawingData.Labels(path, info, ".npy"))
        {
            BitmapData.Header(Path.Combine(path, label + ".npy"));
        }
    }

    /// <inheritdoc />
    public override void CheckModel(ModelInfo info, DataSection data)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (BitmapData.InputShape(info) is null)
        {
            throw new UserError($"model {info.Name} takes {info.InputName} [{string.Join(", ", info.InputShape)}] ({info.InputDType}), but a QuickDraw bitmap is 28x28 = 784 values; declare 'input: {{ shape: [28, 28] }}' (or [784], [28, 28, 1]) in {Path.GetFileName(info.SourceFile)}");
        }
    }

    /// <inheritdoc />
    public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord) =>
        BitmapData.Load(data, path, info, trained, onBadRecord);

    /// <inheritdoc />
    public override int Predict(PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Preprocessing preprocessing = request.Preprocessing;
        if (request.Top > preprocessing.Labels.Count)
        {
            throw new UserError($"--top {request.Top} is more than the {preprocessing.Labels.Count} classes; use at most {preprocessing.Labels.Count}");
        }

        CheckModel(request.Info, new DataSection());
        BitmapData.Header(request.File);
        long[] shape = BitmapData.InputShape(request.Info)!;
        using var predictor = ClassificationPredictor.FromModel(request.Module, ClassifierOutput.Logits, preprocessing.Labels);
        var reader = new QuickDrawBitmapReader();
        int n = 0;
        foreach (byte[] image in reader.ReadFile(request.File))
        {
            ClassPrediction prediction = predictor.Predict(BitmapData.Features(image), shape);
            Console.WriteLine(PredictionLine.Format(++n, prediction, request.Top));
        }

        if (n == 0)
        {
            throw new UserError($"--input {request.File} holds no bitmaps{PredictionLine.Skipped(reader.Report)}; give an .npy file of 28x28 uint8 bitmaps, (N, 784)");
        }

        if (reader.Report.BadRecords > 0)
        {
            Console.Error.WriteLine($"{request.Program}: {request.File} is cut short; {n} bitmap(s) were read: {DataReport.Counts(reader.Report)}");
        }

        return n;
    }
}
