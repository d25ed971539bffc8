using System;
using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// SketchClassifier's data on the generated command line: the folder of <c>&lt;category&gt;.ndjson</c> files that the
/// built-in <c>quickdraw_ndjson</c> reader checks and splits, turned into <see cref="SketchFeatures"/>' stroke-5 input
/// (simplified, centred, offsets scaled, absolute positions) with per-epoch augmentation instead of the built-in
/// stroke-3; <c>predict</c> reads an <c>.ndjson</c> (raw or simplified) or <c>.bin</c> file of drawings the same way.
/// </summary>
internal sealed class SketchFormat : ExperimentFormat
{
    private readonly ExperimentFormat files = For(Runtime.Experiments.DataFormat.QuickDrawNdjson);

    public override TrainingTask Task => TrainingTask.Classification;

    public override string Examples => "drawings";

    public override string DataDescription => files.DataDescription;

    public override string InputDescription => "an .ndjson file of drawings, one a line (raw or simplified), or a .bin file";

    public override IReadOnlyList<string>? DataLabels(string path, DataSection data) => files.DataLabels(path, data);

    public override void CheckPath(string path, DataSection data, ModelInfo info) => files.CheckPath(path, data, info);

    public override void CheckModel(ModelInfo info, DataSection data)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.InputShape.Count != 2 || info.InputShape[1] != "5")
        {
            throw new UserError($"model {info.Name} takes {info.InputName} [{string.Join(", ", info.InputShape)}], but the sketch features are [time, {SketchFeatures.FeatureCount}] (dx, dy, pen lift, x, y); declare 'input: {{ shape: [time, {SketchFeatures.FeatureCount}] }}' in {Path.GetFileName(info.SourceFile)}");
        }
    }

    public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(info);
        IReadOnlyList<string> labels = trained?.Labels ?? (info.Labels.Count > 0 ? info.Labels : files.DataLabels(path, data)!);
        SplitPolicy policy = data.SplitBy == SplitMethod.Hash
            ? new HashSplitPolicy(data.ValidationFraction, data.TestFraction, unchecked((ulong)seed))
            : DrawingData.PositionalPolicy(data);
        SplitDataset<Drawing> drawings = QuickDrawDatasets.LoadDrawings(path, labels, policy, new QuickDrawReadOptions { OnBadRecord = onBadRecord });
        return new SketchData(drawings, labels, trained);
    }

    public override int Predict(PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        float offsetScale = (float)request.Preprocessing.OffsetScale;
        return DrawingPredictions.Run(request, drawing => SketchFeatures.Encode(SketchFeatures.Prepare(drawing, label: -1), offsetScale), SketchFeatures.FeatureCount);
    }
}
