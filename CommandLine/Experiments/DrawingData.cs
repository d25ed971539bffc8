using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// QuickDraw drawings (<c>quickdraw_ndjson</c>, <c>quickdraw_raw</c>: one <c>&lt;class&gt;.ndjson</c> per class in the
/// data folder; <c>quickdraw_bin</c>: one <c>&lt;class&gt;.bin</c> of Google's packed binary format) as the model's <c>[time, 3]</c> input: stroke-3 offsets (dx, dy, pen lifted) divided by the training
/// split's offset spread, cut to <c>max_points</c>, and split by the <c>data:</c> section. Reads through the runtime's
/// <see cref="QuickDrawDatasets"/>; bad records are reported, counted and left out.
/// </summary>
public sealed class DrawingData : IExperimentData
{
    private readonly ModelInfo info;
    private readonly IReadOnlyList<string> labels;
    private readonly Lazy<Preprocessing> preprocessing;

    // The preprocessing is fitted on first use, after the data checks: a class without a usable drawing is their
    // message, naming the class, rather than an empty training split's.
    private DrawingData(SplitDataset<Drawing> drawings, IReadOnlyList<string> labels, Func<Preprocessing> preprocessing, ModelInfo info)
    {
        Drawings = drawings;
        this.labels = labels;
        this.preprocessing = new Lazy<Preprocessing>(preprocessing);
        this.info = info;
    }

    /// <summary>The split drawings and the read report.</summary>
    public SplitDataset<Drawing> Drawings { get; }

    /// <summary>The preprocessing (labels, offset scale, cut).</summary>
    /// <exception cref="UserError">A new run's training split is empty.</exception>
    public Preprocessing Preprocessing => preprocessing.Value;

    /// <inheritdoc cref="IExperimentData.Report"/>
    public DataReadReport Report => Drawings.Report;

    /// <inheritdoc cref="IExperimentData.UsableByClass"/>
    public IReadOnlyDictionary<string, long> UsableByClass =>
        ClassCounts.Of(labels, Drawings.Train.Labels.Select(x => (long)x));

    /// <inheritdoc cref="IExperimentData.HeldOutByClass"/>
    public IReadOnlyDictionary<string, long> HeldOutByClass =>
        ClassCounts.Of(labels, Drawings.Validation.Labels.Concat(Drawings.Test.Labels).Select(x => (long)x));

    /// <inheritdoc cref="IExperimentData.TrainCount"/>
    public int TrainCount => Drawings.Train.Count;

    /// <inheritdoc cref="IExperimentData.ValidationCount"/>
    public int ValidationCount => Drawings.Validation.Count;

    /// <inheritdoc cref="IExperimentData.TestCount"/>
    public int TestCount => Drawings.Test.Count;

    /// <summary>Checks that the model takes strokes, <c>[time, 3]</c> (or a fixed length, <c>[n, 3]</c>).</summary>
    /// <param name="info">The model.</param>
    /// <exception cref="UserError">It takes something else.</exception>
    public static void CheckModel(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.InputShape.Count != 2 || info.InputShape[1] != "3" || info.InputDType != "float32")
        {
            throw new UserError($"model {info.Name} takes {info.InputName} [{string.Join(", ", info.InputShape)}] ({info.InputDType}), but QuickDraw drawings are stroke-3 sequences [time, 3]; declare 'input: {{ shape: [time, 3] }}' in {Path.GetFileName(info.SourceFile)}");
        }
    }

    /// <summary>Reads and splits the drawings of <paramref name="folder"/>.</summary>
    /// <param name="data">The <c>data:</c> section (with overrides).</param>
    /// <param name="folder">The data folder.</param>
    /// <param name="info">The model: its labels (else the folder's files, sorted) and output class count.</param>
    /// <param name="seed">The split seed.</param>
    /// <param name="trained">The preprocessing of a trained run (evaluate, predict), or null to fit it on the training split.</param>
    /// <param name="onBadRecord">Called with each bad record.</param>
    /// <returns>The data.</returns>
    /// <exception cref="UserError">The folder, a class file or the split settings are wrong.</exception>
    public static DrawingData Load(DataSection data, string folder, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(info);
        string extension = Extension(data.Format);
        if (!Directory.Exists(folder))
        {
            throw new UserError($"--data {folder}: no such folder; give the folder that holds one <class>{extension} a class (or set data.path in the spec)");
        }

        IReadOnlyList<string> labels = trained?.Labels ?? Labels(folder, info, extension);
        SplitPolicy policy = data.SplitBy == SplitMethod.Hash
            ? new HashSplitPolicy(data.ValidationFraction, data.TestFraction, unchecked((ulong)seed))
            : PositionalPolicy(data);
        var options = new QuickDrawReadOptions { MaxPerClass = data.MaxPerClass, OnBadRecord = onBadRecord };
        SplitDataset<Drawing> drawings = data.Format == DataFormat.QuickDrawBin
            ? LoadBinary(folder, labels, policy, options)
            : QuickDrawDatasets.LoadDrawings(folder, labels, policy, options);
        int? maxPoints = FixedLength(info) ?? data.MaxPoints;
        return new DrawingData(drawings, labels, () => trained ?? new Preprocessing(labels, OffsetScale(drawings.Train.Items, maxPoints), maxPoints) { Format = DataSection.FormatKey(data.Format) }, info);
    }

    /// <summary>The file extension of one class's drawings: <c>.bin</c> for <c>quickdraw_bin</c>, else <c>.ndjson</c>.</summary>
    /// <param name="format">The <c>data.format</c>.</param>
    /// <returns>The extension with its dot.</returns>
    public static string Extension(DataFormat format) => format == DataFormat.QuickDrawBin ? ".bin" : ".ndjson";

    /// <summary>One drawing as the model's input rows (<c>[time, 3]</c>, flattened).</summary>
    /// <param name="drawing">The drawing.</param>
    /// <param name="preprocessing">The run's preprocessing.</param>
    /// <param name="fixedLength">The model's fixed time length, padded with zeros; null for a dynamic time axis.</param>
    /// <returns>The features.</returns>
    public static float[] Features(Drawing drawing, Preprocessing preprocessing, int? fixedLength) =>
        Features(StrokeConversions.ToStroke3(drawing), preprocessing, fixedLength);

    /// <summary>One stroke-3 sequence as the model's input rows (<c>[time, 3]</c>, flattened): cut, scaled and padded as a drawing is.</summary>
    /// <param name="stroke3">The sequence, offsets unscaled.</param>
    /// <param name="preprocessing">The run's preprocessing.</param>
    /// <param name="fixedLength">The model's fixed time length, padded with zeros; null for a dynamic time axis.</param>
    /// <returns>The features.</returns>
    public static float[] Features(Stroke3Sequence stroke3, Preprocessing preprocessing, int? fixedLength)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        Stroke3Sequence sequence = StrokeNormalization.Scale(Cut(stroke3, preprocessing.MaxPoints), preprocessing.OffsetScale);
        if (fixedLength is not { } length || sequence.Data.Length == length * Stroke3Sequence.Columns)
        {
            return sequence.Data;
        }

        var padded = new float[length * Stroke3Sequence.Columns];
        Array.Copy(sequence.Data, padded, Math.Min(sequence.Data.Length, padded.Length));
        return padded;
    }

    /// <summary>The samples of a split.</summary>
    /// <param name="items">The split's drawings.</param>
    /// <param name="info">The model.</param>
    /// <returns>One sample a drawing.</returns>
    public IReadOnlyList<SequenceSample> Samples(LabeledItems<Drawing> items, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(items);
        int? fixedLength = FixedLength(info);
        return [.. items.Items.Select((d, i) => new SequenceSample(Features(d, Preprocessing, fixedLength), Stroke3Sequence.Columns, items.Labels[i]))];
    }

    /// <inheritdoc cref="IExperimentData.Train"/>
    public IBatchLoader Train(int batchSize, bool shuffle) => Loader(Samples(Drawings.Train, info), batchSize, shuffle);

    /// <inheritdoc cref="IExperimentData.Validation"/>
    public IBatchLoader Validation(int batchSize) => Loader(Samples(Drawings.Validation, info), batchSize, shuffle: false);

    /// <inheritdoc cref="IExperimentData.Test"/>
    public IBatchLoader Test(int batchSize) => Loader(Samples(Drawings.Test, info), batchSize, shuffle: false);

    IReadOnlyDictionary<string, double> IExperimentData.ExtraTestMetrics(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> module) =>
        new Dictionary<string, double>();

    /// <summary>The model's fixed time length, or null when its time axis is dynamic.</summary>
    /// <param name="info">The model.</param>
    /// <returns>The length.</returns>
    public static int? FixedLength(ModelInfo info) =>
        int.TryParse(info.InputShape[0], NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;

    private static DataLoader<SequenceSample> Loader(IReadOnlyList<SequenceSample> samples, int batchSize, bool shuffle) =>
        new(new ListDataset<SequenceSample>(samples), SequenceCollate.Classification, new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle });

    private static SplitDataset<Drawing> LoadBinary(string folder, IReadOnlyList<string> labels, SplitPolicy policy, QuickDrawReadOptions options)
    {
        var reader = new QuickDrawBinaryReader(options);
        var splits = new Dictionary<DataSplit, (List<Drawing> Items, List<int> Labels)> { [DataSplit.Train] = ([], []), [DataSplit.Validation] = ([], []), [DataSplit.Test] = ([], []) };
        for (int label = 0; label < labels.Count; label++)
        {
            foreach (SplitAssignment<Drawing> assigned in policy.Apply(reader.ReadFile(Path.Combine(folder, labels[label] + ".bin"), labels[label])))
            {
                // DataSplit.None: left out by a positional policy's counts.
                if (splits.TryGetValue(assigned.Split, out (List<Drawing> Items, List<int> Labels) part))
                {
                    part.Items.Add(assigned.Item);
                    part.Labels.Add(label);
                }
            }
        }

        LabeledItems<Drawing> Part(DataSplit split) => new(splits[split].Items, splits[split].Labels);
        return new SplitDataset<Drawing>(labels, Part(DataSplit.Train), Part(DataSplit.Validation), Part(DataSplit.Test), reader.Report);
    }

    internal static IReadOnlyList<string> Labels(string folder, ModelInfo info, string extension)
    {
        IReadOnlyList<string> labels = info.Labels.Count > 0
            ? info.Labels
            : [.. Directory.GetFiles(folder, "*" + extension).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];
        string from = info.Labels.Count > 0 ? $"the labels of {Path.GetFileName(info.SourceFile)}" : $"the {extension} files in {folder}";
        if (labels.Count == 0)
        {
            throw new UserError($"--data {folder} holds no {extension} files; give the folder with one <class>{extension} a class");
        }

        string classes = info.OutputShape.Count > 0 ? info.OutputShape[^1] : "?";
        if (classes != labels.Count.ToString(CultureInfo.InvariantCulture))
        {
            throw new UserError($"model {info.Name} has {classes} output classes but {from} name {labels.Count}; list the classes under 'labels:' in the spec, or give a folder with {classes} class files");
        }

        foreach (string label in labels.Where(l => !File.Exists(Path.Combine(folder, l + extension))))
        {
            throw new UserError($"--data {folder} has no {label}{extension} for label '{label}'; add the file or fix 'labels:' in {Path.GetFileName(info.SourceFile)}");
        }

        return labels;
    }

    /// <summary>
    /// The split by position in each class file (<c>splits.by: position</c>): of the first <c>max_per_class</c> records,
    /// the <c>splits.validation</c> and <c>splits.test</c> shares (rounded) last, in that order, the rest first for training.
    /// </summary>
    /// <param name="data">The <c>data:</c> section.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="UserError">The section sets no <c>max_per_class</c>.</exception>
    public static PositionalSplitPolicy PositionalPolicy(DataSection data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.MaxPerClass is not { } perClass)
        {
            throw new UserError("data.splits.by position needs data.max_per_class (or --max-per-class) to size the splits of a QuickDraw file; or use 'by: hash'");
        }

        int validation = (int)Math.Round(perClass * data.ValidationFraction);
        int test = (int)Math.Round(perClass * data.TestFraction);
        return new PositionalSplitPolicy(perClass - validation - test, validation, test);
    }

    private static double OffsetScale(IReadOnlyList<Drawing> train, int? maxPoints)
    {
        if (train.Count == 0)
        {
            throw new UserError("the training split is empty; give more drawings, or lower data.splits.validation and data.splits.test");
        }

        return StrokeNormalization.OffsetScaleFactor(train.Select(d => Cut(StrokeConversions.ToStroke3(d), maxPoints)));
    }

    internal static Stroke3Sequence Cut(Stroke3Sequence sequence, int? maxPoints) =>
        maxPoints is { } n && sequence.Length > n ? new Stroke3Sequence(sequence.Data[..(n * Stroke3Sequence.Columns)]) : sequence;

    /// <summary>Nothing to close: the examples are in memory.</summary>
    public void Dispose()
    {
    }
}
