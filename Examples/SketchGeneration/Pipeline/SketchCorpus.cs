using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>The drawings of one QuickDraw ndjson file, split by position (first <c>train</c> train, next <c>test</c> held out), prepared for the model.</summary>
internal sealed class SketchCorpus : IDisposable
{
    private SketchCorpus(string file, SketchSet train, SketchSet test, float scale, string report)
    {
        File = file;
        Train = train;
        Test = test;
        Scale = scale;
        Report = report;
    }

    /// <summary>The ndjson file read.</summary>
    public string File { get; }

    /// <summary>The training drawings.</summary>
    public SketchSet Train { get; }

    /// <summary>The held-out drawings (never used for training or model choices).</summary>
    public SketchSet Test { get; }

    /// <summary>The offset scale: the spread of the training drawings' offsets (in units of a drawing's longer side).</summary>
    public float Scale { get; }

    /// <summary>The reader's summary (accepted, skipped, bad records).</summary>
    public string Report { get; }

    /// <summary>Reads and prepares the drawings.</summary>
    /// <param name="file">A QuickDraw simplified ndjson file of one class.</param>
    /// <param name="trainCount">Drawings for training, from the start of the file.</param>
    /// <param name="testCount">Held-out drawings, right after the training ones.</param>
    /// <param name="maxBadFraction">The largest share of bad records the file may hold before loading stops.</param>
    /// <returns>The corpus.</returns>
    /// <exception cref="UserError">The file is missing or holds too few drawings.</exception>
    public static SketchCorpus Load(string file, int trainCount, int testCount, double maxBadFraction = DataQualityPolicy.DefaultMaxBadFraction)
    {
        if (!System.IO.File.Exists(file))
        {
            throw new UserError(DataLocator.MissingMessage(file));
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string word = Path.GetFileNameWithoutExtension(file);
        SplitDataset<Drawing> split = QuickDrawDatasets.LoadDrawings(folder, [word], new PositionalSplitPolicy(trainCount, 0, testCount));
        DataChecks.Enforce(new DataQualityPolicy { MaxBadFraction = maxBadFraction }, split.Report, new Dictionary<string, long> { [word] = split.Train.Count + split.Test.Count }, null, $"fix {file} or give another file with --data");
        if (split.Train.Count < trainCount || split.Test.Count < testCount)
        {
            throw new UserError($"{file} has {split.Train.Count + split.Test.Count} usable drawings; --train {trainCount} --test {testCount} needs {trainCount + testCount} ({DataReport.Counts(split.Report)}); lower --train or --test");
        }

        Stroke3Sequence[] train = split.Train.Items.Select(SketchEncoding.Prepare).ToArray();
        Stroke3Sequence[] test = split.Test.Items.Select(SketchEncoding.Prepare).ToArray();
        float scale = (float)StrokeNormalization.OffsetScaleFactor(train);
        return new SketchCorpus(file, new SketchSet(train, scale), new SketchSet(test, scale), scale, string.Join("; ", DataReport.Summary(split.Report, null)));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
