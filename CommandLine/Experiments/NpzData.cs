using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// Sketch-RNN archives (<c>npz</c>: one <c>&lt;class&gt;.npz</c> a class of stroke-3 sequences, read by the runtime's
/// <see cref="SketchRnnNpzReader"/>) as the model's <c>[time, 3]</c> input, cut, scaled and padded as drawings are. Without
/// <c>array_key</c> the archives' own <c>train</c>, <c>valid</c> and <c>test</c> arrays are the splits; with it, that
/// one array is split by position (the first sequences train, then validation, then test). <c>max_per_class</c> caps
/// each array read.
/// </summary>
internal sealed class NpzData : IExperimentData
{
    private readonly LabeledItems<Stroke3Sequence>[] splits;
    private readonly int? fixedLength;

    private NpzData(LabeledItems<Stroke3Sequence>[] splits, Preprocessing preprocessing, DataReadReport report, int? fixedLength)
    {
        this.splits = splits;
        Preprocessing = preprocessing;
        Report = report;
        this.fixedLength = fixedLength;
    }

    /// <inheritdoc />
    public Preprocessing Preprocessing { get; }

    /// <inheritdoc />
    public DataReadReport Report { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> UsableByClass =>
        ClassCounts.Of(Preprocessing.Labels, splits[0].Labels.Select(x => (long)x));

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> HeldOutByClass =>
        ClassCounts.Of(Preprocessing.Labels, splits[1].Labels.Concat(splits[2].Labels).Select(x => (long)x));

    /// <inheritdoc />
    public int TrainCount => splits[0].Count;

    /// <inheritdoc />
    public int ValidationCount => splits[1].Count;

    /// <inheritdoc />
    public int TestCount => splits[2].Count;

    /// <summary>Reads and splits the archives of <paramref name="folder"/>.</summary>
    /// <param name="data">The <c>data:</c> section.</param>
    /// <param name="folder">The folder of <c>&lt;class&gt;.npz</c> files.</param>
    /// <param name="info">The model.</param>
    /// <param name="trained">The trained run's preprocessing, or null.</param>
    /// <param name="onBadRecord">Called with each bad record.</param>
    /// <returns>The data.</returns>
    public static NpzData Load(DataSection data, string folder, ModelInfo info, Preprocessing? trained, Action<BadRecord>? onBadRecord)
    {
        ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<string> labels = trained?.Labels ?? DrawingData.Labels(folder, info, ".npz");
        var reader = new SketchRnnNpzReader(onBadRecord: onBadRecord);
        (List<Stroke3Sequence> Items, List<int> Labels)[] parts = [([], []), ([], []), ([], [])];
        for (int label = 0; label < labels.Count; label++)
        {
            string path = Path.Combine(folder, labels[label] + ".npz");
            IReadOnlyList<Stroke3Sequence>[] arrays;
            if (data.ArrayKey is { } key)
            {
                IReadOnlyList<Stroke3Sequence> all = Cap(reader.ReadMember(path, key), data.MaxPerClass);
                int validation = (int)Math.Round(all.Count * data.ValidationFraction);
                int test = (int)Math.Round(all.Count * data.TestFraction);
                int train = all.Count - validation - test;
                arrays = [[.. all.Take(train)], [.. all.Skip(train).Take(validation)], [.. all.Skip(train + validation)]];
            }
            else
            {
                SketchRnnDataset own = reader.Read(path);
                arrays = [Cap(own.Train, data.MaxPerClass), Cap(own.Validation, data.MaxPerClass), Cap(own.Test, data.MaxPerClass)];
            }

            for (int split = 0; split < 3; split++)
            {
                parts[split].Items.AddRange(arrays[split]);
                parts[split].Labels.AddRange(Enumerable.Repeat(label, arrays[split].Count));
            }
        }

        if (parts[0].Items.Count == 0)
        {
            throw new UserError($"the training split of --data {folder} is empty; give archives with a 'train' array, or name the array to split with data.array_key");
        }

        int? fixedLength = DrawingData.FixedLength(info);
        int? maxPoints = fixedLength ?? data.MaxPoints;
        Preprocessing preprocessing = trained ?? new Preprocessing(labels, StrokeNormalization.OffsetScaleFactor(parts[0].Items.Select(s => DrawingData.Cut(s, maxPoints))), maxPoints) { Format = DataSection.FormatKey(data.Format) };
        return new NpzData([.. parts.Select(p => new LabeledItems<Stroke3Sequence>(p.Items, p.Labels))], preprocessing, reader.Report, fixedLength);
    }

    /// <inheritdoc />
    public IBatchLoader Train(int batchSize, bool shuffle) => Loader(splits[0], batchSize, shuffle);

    /// <inheritdoc />
    public IBatchLoader Validation(int batchSize) => Loader(splits[1], batchSize, shuffle: false);

    /// <inheritdoc />
    public IBatchLoader Test(int batchSize) => Loader(splits[2], batchSize, shuffle: false);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module) => new Dictionary<string, double>();

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static IReadOnlyList<Stroke3Sequence> Cap(IReadOnlyList<Stroke3Sequence> items, int? cap) =>
        cap is { } n && items.Count > n ? [.. items.Take(n)] : items;

    private DataLoader<SequenceSample> Loader(LabeledItems<Stroke3Sequence> items, int batchSize, bool shuffle) =>
        new(new ListDataset<SequenceSample>([.. items.Items.Select((s, i) => new SequenceSample(DrawingData.Features(s, Preprocessing, fixedLength), Stroke3Sequence.Columns, items.Labels[i]))]),
            SequenceCollate.Classification, new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle });
}
