using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// QuickDraw bitmaps (<c>npy</c>: one <c>&lt;class&gt;.npy</c> of 28x28 uint8 images per class) as the model's fixed
/// input of 784 values (<c>[28, 28]</c>, <c>[784]</c>, <c>[28, 28, 1]</c>, ...), each pixel divided by 255. Read through
/// the runtime's <see cref="QuickDrawDatasets.LoadBitmaps"/>: bitmaps carry no key id, so the splits are by position
/// within each file (the first images train, then validation, then test), <c>max_per_class</c> or the smallest file
/// sizing them.
/// </summary>
internal sealed class BitmapData : IExperimentData
{
    private readonly SplitDataset<byte[]> bitmaps;
    private readonly long[] inputShape;

    private BitmapData(SplitDataset<byte[]> bitmaps, Preprocessing preprocessing, long[] inputShape)
    {
        this.bitmaps = bitmaps;
        Preprocessing = preprocessing;
        this.inputShape = inputShape;
    }

    /// <inheritdoc />
    public Preprocessing Preprocessing { get; }

    /// <inheritdoc />
    public DataReadReport Report => bitmaps.Report;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> UsableByClass =>
        ClassCounts.Of(Preprocessing.Labels, bitmaps.Train.Labels.Select(x => (long)x));

    /// <inheritdoc />
    public int TrainCount => bitmaps.Train.Count;

    /// <inheritdoc />
    public int ValidationCount => bitmaps.Validation.Count;

    /// <inheritdoc />
    public int TestCount => bitmaps.Test.Count;

    /// <summary>The model's input shape when it takes one 784-pixel bitmap, else null.</summary>
    /// <param name="info">The model.</param>
    /// <returns>The shape without the batch axis.</returns>
    public static long[]? InputShape(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var dims = new long[info.InputShape.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            if (!long.TryParse(info.InputShape[i], out dims[i]))
            {
                return null;
            }
        }

        return info.InputDType == "float32" && dims.Length > 0 && dims.Aggregate(1L, (a, d) => a * d) == QuickDrawBitmapReader.PixelCount ? dims : null;
    }

    /// <summary>Reads and splits the bitmaps of <paramref name="folder"/>.</summary>
    /// <param name="data">The <c>data:</c> section.</param>
    /// <param name="folder">The folder of <c>&lt;class&gt;.npy</c> files.</param>
    /// <param name="info">The model (its labels, else the folder's files, sorted).</param>
    /// <param name="trained">The trained run's preprocessing, or null.</param>
    /// <param name="onBadRecord">Called with each bad record.</param>
    /// <returns>The bitmaps.</returns>
    /// <exception cref="UserError">A file is missing or not QuickDraw bitmaps, or the splits leave nothing to train on.</exception>
    public static BitmapData Load(DataSection data, string folder, ModelInfo info, Preprocessing? trained, Action<BadRecord>? onBadRecord)
    {
        ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<string> labels = trained?.Labels ?? DrawingData.Labels(folder, info, ".npy");
        long smallest = labels.Min(l => Header(Path.Combine(folder, l + ".npy")));
        int perClass = (int)Math.Min(data.MaxPerClass ?? int.MaxValue, smallest);
        int validation = (int)Math.Round(perClass * data.ValidationFraction);
        int test = (int)Math.Round(perClass * data.TestFraction);
        if (perClass - validation - test < 1)
        {
            throw new UserError($"the training split of {perClass} bitmaps a class is empty; give more bitmaps, or lower data.splits.validation and data.splits.test");
        }

        SplitDataset<byte[]> bitmaps = QuickDrawDatasets.LoadBitmaps(folder, labels, new PositionalSplitPolicy(perClass - validation - test, validation, test), onBadRecord: onBadRecord);
        Preprocessing preprocessing = trained ?? new Preprocessing(labels, 1, null) { Format = DataSection.FormatKey(data.Format), Scale = 255 };
        return new BitmapData(bitmaps, preprocessing, InputShape(info)!);
    }

    /// <summary>Checks a file's header and returns its image count.</summary>
    /// <param name="path">The .npy file.</param>
    /// <returns>N.</returns>
    /// <exception cref="UserError">It is missing, unreadable or not (N, 784) uint8.</exception>
    public static long Header(string path)
    {
        try
        {
            return QuickDrawBitmapReader.ReadHeader(path).Shape[0];
        }
        catch (DataFormatException ex)
        {
            throw new UserError($"{path}: {ex.Record.Reason}; give QuickDraw bitmaps, uint8 (N, 784) as numpy_bitmap/<class>.npy", ex);
        }
        catch (IOException ex)
        {
            throw new UserError($"{path} cannot be read ({ex.Message}); check the file", ex);
        }
    }

    /// <summary>One bitmap as the model's input values (pixels divided by 255).</summary>
    /// <param name="image">784 bytes.</param>
    /// <returns>The values.</returns>
    public static float[] Features(byte[] image) => [.. image.Select(p => p / 255f)];

    /// <inheritdoc />
    public IBatchLoader Train(int batchSize, bool shuffle) => Loader(bitmaps.Train, batchSize, shuffle);

    /// <inheritdoc />
    public IBatchLoader Validation(int batchSize) => Loader(bitmaps.Validation, batchSize, shuffle: false);

    /// <inheritdoc />
    public IBatchLoader Test(int batchSize) => Loader(bitmaps.Test, batchSize, shuffle: false);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module) => new Dictionary<string, double>();

    private DataLoader<int> Loader(LabeledItems<byte[]> items, int batchSize, bool shuffle) =>
        new(new ListDataset<int>([.. Enumerable.Range(0, items.Count)]), ids => Collate(items, ids), new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle });

    private Batch Collate(LabeledItems<byte[]> items, IReadOnlyList<int> ids)
    {
        const int Pixels = QuickDrawBitmapReader.PixelCount;
        var inputs = new float[ids.Count * Pixels];
        var labels = new long[ids.Count];
        for (int b = 0; b < ids.Count; b++)
        {
            byte[] image = items.Items[ids[b]];
            for (int p = 0; p < Pixels; p++)
            {
                inputs[(b * Pixels) + p] = image[p] / 255f;
            }

            labels[b] = items.Labels[ids[b]];
        }

        return new Batch(torch.tensor(inputs, [ids.Count, .. inputShape]), torch.tensor(labels, [ids.Count], torch.int64));
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
