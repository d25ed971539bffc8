using System;
using System.Collections.Generic;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// BitmapClassifier's data on the generated command line: the built-in <c>npy</c> reader (a folder of
/// <c>&lt;category&gt;.npy</c> bitmaps, pixels divided by 255, split by position as the spec's <c>data:</c> section says),
/// with the example's rules for the folder (at least 2 readable category files) and, when <c>train</c> is given no
/// <c>--data</c>, the bitmaps found where the example looks for them (<see cref="DataLocator"/>).
/// </summary>
internal sealed class BitmapFiles : ExperimentFormat
{
    private readonly ExperimentFormat files;
    private readonly bool locateData;

    /// <summary>The format.</summary>
    /// <param name="dataGiven">Whether <c>--data</c> was given; if not, <c>train</c> finds the data (<see cref="DataLocator.Find"/>).</param>
    public BitmapFiles(bool dataGiven)
        : this(For(Runtime.Experiments.DataFormat.Npy), locateData: !dataGiven)
    {
    }

    private BitmapFiles(ExperimentFormat files, bool locateData)
    {
        this.files = files;
        this.locateData = locateData;
    }

    public override TrainingTask Task => files.Task;

    public override string Examples => files.Examples;

    public override string DataDescription => files.DataDescription;

    public override string InputDescription => files.InputDescription;

    public override string? DataSource => locateData ? DataLocator.Find(null, Pipeline.DataFormat.Bitmap) : null;

    public override IReadOnlyList<string>? DataLabels(string path, DataSection data)
    {
        files.DataLabels(path, data);
        return DataLocator.Categories(path, Pipeline.DataFormat.Bitmap, requested: null);
    }

    public override IReadOnlyList<KeyValuePair<string, string>> SplitSettings(DataSection data) => files.SplitSettings(data);

    public override ExperimentFormat WithSplitSettings(IReadOnlyDictionary<string, string> recorded) =>
        new BitmapFiles(files.WithSplitSettings(recorded), locateData: false);

    public override void CheckPath(string path, DataSection data, ModelInfo info) => files.CheckPath(path, data, info);

    public override void CheckModel(ModelInfo info, DataSection data) => files.CheckModel(info, data);

    public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord) =>
        files.Load(data, path, info, seed, trained, onBadRecord);

    public override int Predict(PredictRequest request) => files.Predict(request);
}
