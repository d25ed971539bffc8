using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Strokes;
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
/// <c>train</c>'s <c>--categories</c> picks some of the folder's files and <c>--train-per-class</c>,
/// <c>--test-per-class</c> and <c>--validation-fraction</c> size the split by position (<see cref="SketchOptions"/>).
/// With <c>--cache</c> it streams a cache made by <c>quickdraw prepare</c> instead (<see cref="SketchCacheData"/>): its
/// classes and splits are the cache's, and the run records the cache's manifest hash, so a re-prepared cache is refused
/// on <c>--resume</c>.
/// </summary>
internal sealed class SketchFormat : ExperimentFormat
{
    private readonly ExperimentFormat files = For(Runtime.Experiments.DataFormat.QuickDrawNdjson);
    private readonly string? categories;
    private readonly int? trainPerClass;
    private readonly int? testPerClass;
    private readonly double? validationFraction;
    private readonly bool maxPerClassGiven;
    private readonly SketchSplit? recorded;
    private readonly string? cache;
    private readonly string? clash;
    private readonly bool locateData;

    /// <summary>The format on the spec's <c>data:</c> section alone: every category of the folder, its <c>data.splits</c>.</summary>
    public SketchFormat()
    {
    }

    /// <summary>The format with train's options (null: not given).</summary>
    /// <param name="categories">The <c>--categories</c> list.</param>
    /// <param name="trainPerClass">The training block per class.</param>
    /// <param name="testPerClass">The test drawings per class.</param>
    /// <param name="validationFraction">The share of the training block that validates.</param>
    /// <param name="maxPerClassGiven">Whether <c>--max-per-class</c> was given too (it sizes the split another way).</param>
    /// <param name="cache">The <c>--cache</c> folder, or null to read the data folder.</param>
    /// <param name="dataGiven">Whether <c>--data</c> was given (a cache is the data, so both cannot be); if not, train finds the data (<see cref="DataLocator.Find"/>).</param>
    public SketchFormat(string? categories, int? trainPerClass, int? testPerClass, double? validationFraction, bool maxPerClassGiven, string? cache = null, bool dataGiven = false)
    {
        this.categories = categories;
        this.trainPerClass = trainPerClass;
        this.testPerClass = testPerClass;
        this.validationFraction = validationFraction;
        this.maxPerClassGiven = maxPerClassGiven;
        this.cache = cache;
        locateData = !dataGiven;

        // The cache holds its own drawings, classes and splits: an option that would pick others is refused, not ignored.
        clash = cache is null ? null
            : dataGiven ? "--data"
            : categories is not null ? "--categories"
            : trainPerClass is not null ? SketchSplit.TrainOption
            : testPerClass is not null ? SketchSplit.TestOption
            : validationFraction is not null ? SketchSplit.ValidationOption
            : maxPerClassGiven ? "--max-per-class"
            : null;
    }

    private SketchFormat(SketchSplit recorded) => this.recorded = recorded;

    private SketchFormat(string recordedCache) => cache = recordedCache;

    /// <summary>The key of the cache's manifest hash in the run's <c>train-settings.json</c>.</summary>
    public const string ManifestSetting = "the cache's manifest.json (sha256)";

    public override string LabelsSetting => cache is null ? "--categories" : "the cache's classes";

    // Without --data, train looks where the example's data usually is ($QUICKDRAW_DATA, ./data/quickdraw, the shared
    // sample), and says how to get some when there is none.
    public override string? DataSource => cache ?? (locateData ? DataLocator.Find(null, Pipeline.DataFormat.Strokes) : null);

    public override TrainingTask Task => TrainingTask.Classification;

    public override string Examples => "drawings";

    public override string DataDescription => files.DataDescription;

    public override string InputDescription => "an .ndjson file of drawings, one a line (raw or simplified), or a .bin file";

    public override IReadOnlyList<string>? DataLabels(string path, DataSection data)
    {
        if (cache is not null)
        {
            if (clash is not null)
            {
                throw new UserError($"--cache {cache} takes its drawings, classes and splits from the prepared cache, so {clash} does not apply; leave {clash} out, or prepare a cache with what you want (quickdraw prepare --data <folder> --categories ... --max-per-class N --output <cache>)");
            }

            using DrawingCache opened = OpenCache(path);
            return opened.Classes.Count >= 2 ? opened.Classes
                : throw new UserError($"--cache {cache} holds {opened.Classes.Count} class(es); a classifier needs at least 2: prepare it from a folder with more categories");
        }

        // A missing or empty folder says how to download some; the generic reader says what else is wrong with the folder
        // itself; the example's rules pick the categories.
        DataLocator.Find(path, Pipeline.DataFormat.Strokes);
        files.DataLabels(path, data);
        return DataLocator.Categories(path, Pipeline.DataFormat.Strokes, categories);
    }

    public override IReadOnlyList<KeyValuePair<string, string>> SplitSettings(DataSection data) =>
        cache is not null ? [new(CacheOption, Path.GetFullPath(cache)), new(ManifestSetting, ManifestHash(cache))]
        : Split(data)?.Settings() ?? [];

    public override ExperimentFormat WithSplitSettings(IReadOnlyDictionary<string, string> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return recorded.TryGetValue(CacheOption, out string? folder) ? new SketchFormat(folder)
            : SketchSplit.FromSettings(recorded) is { } split ? new SketchFormat(split) : new SketchFormat();
    }

    public override void CheckPath(string path, DataSection data, ModelInfo info)
    {
        if (cache is null)
        {
            files.CheckPath(path, data, info);
        }
        else if (!Directory.Exists(path))
        {
            throw new UserError($"the run's cache {path} is gone; restore it (train-settings.json names it), prepare it again with quickdraw prepare --output {path}, or train again");
        }
    }

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
        if (cache is not null)
        {
            return SketchCacheData.Create(OpenCache(path), trained, onBadRecord);
        }

        IReadOnlyList<string> labels = trained?.Labels ?? (info.Labels.Count > 0 ? info.Labels : files.DataLabels(path, data)!);
        SplitPolicy policy = Split(data) is { } split ? split.Policy()
            : data.SplitBy == SplitMethod.Hash
            ? new HashSplitPolicy(data.ValidationFraction, data.TestFraction, unchecked((ulong)seed))
            : DrawingData.PositionalPolicy(data);
        SplitDataset<Drawing> drawings = QuickDrawDatasets.LoadDrawings(path, labels, policy, new QuickDrawReadOptions { OnBadRecord = onBadRecord });
        return new SketchData(drawings, labels, trained);
    }

    /// <summary>The option that names a prepared cache.</summary>
    public const string CacheOption = "--cache";

    private DrawingCache OpenCache(string path) => OpenCache(path, cache!);

    /// <summary>Opens a prepared cache; a folder of QuickDraw files (the commonest wrong <c>--cache</c>) is a <see cref="UserError"/> that says how to make a cache of it.</summary>
    /// <param name="path">The cache folder.</param>
    /// <param name="given">The folder as the user gave it, for messages.</param>
    /// <returns>The open cache.</returns>
    internal static DrawingCache OpenCache(string path, string given)
    {
        if (!File.Exists(Path.Combine(path, DrawingCacheFormat.ManifestFileName)) && Directory.Exists(path)
            && (Directory.EnumerateFiles(path, "*.ndjson").Any() || Directory.EnumerateFiles(path, "*.bin").Any()))
        {
            throw new UserError($"--cache {given} is a folder of QuickDraw files, not a prepared cache; prepare it once with quickdraw prepare --data {given} --output <cache>, then train --cache <cache> (or train on it directly with --data {given})");
        }

        return DrawingCache.Open(path);
    }

    private static string ManifestHash(string folder) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, DrawingCacheFormat.ManifestFileName))));

    // The split train's options ask for, with the others' defaults from the data: section; null: the section's data.splits.
    private SketchSplit? Split(DataSection data)
    {
        if (recorded is not null)
        {
            return recorded;
        }

        string? given = trainPerClass is not null ? SketchSplit.TrainOption
            : testPerClass is not null ? SketchSplit.TestOption
            : validationFraction is not null ? SketchSplit.ValidationOption
            : null;
        if (given is null)
        {
            return null;
        }

        if (data.SplitBy != SplitMethod.Position)
        {
            throw new UserError($"{given} sizes a split by position in each file, but data.splits.by is hash; set 'splits: {{ by: position }}' in the spec's data: section, or leave {given} out");
        }

        if (maxPerClassGiven)
        {
            throw new UserError($"--max-per-class and {given} both size the split; give {SketchSplit.TrainOption} and {SketchSplit.TestOption} alone (their sum is the drawings read a class)");
        }

        int perClass = data.MaxPerClass ?? throw new UserError($"{given}: the spec's data: section sets no max_per_class to take the other counts from; give {SketchSplit.TrainOption} and {SketchSplit.TestOption} both");
        int test = (int)Math.Round(perClass * data.TestFraction);
        var split = new SketchSplit(
            trainPerClass ?? perClass - test,
            testPerClass ?? test,
            validationFraction ?? Math.Round(data.ValidationFraction / (1 - data.TestFraction), 6));
        split.ValidationCount();
        return split;
    }

    public override int Predict(PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        float offsetScale = (float)request.Preprocessing.OffsetScale;
        return DrawingPredictions.Run(request, drawing => SketchFeatures.Encode(SketchFeatures.Prepare(drawing, label: -1), offsetScale), SketchFeatures.FeatureCount);
    }
}
