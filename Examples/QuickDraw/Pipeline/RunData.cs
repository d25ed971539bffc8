using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>Loads a run's train and test splits and builds its model.</summary>
internal static class RunData
{
    /// <summary>
    /// Reads the run's data (every bad record goes to <paramref name="onBadRecord"/>) and builds the loaders; for strokes,
    /// the settings come back with the training set's offset scale filled in. Every category must keep at least one test
    /// drawing (and, with <paramref name="needTrain"/>, one training drawing).
    /// </summary>
    public static RunLoaders Loaders(RunSettings settings, int batchSize, Action<BadRecord>? onBadRecord = null, bool needTrain = true)
    {
        if (settings.Cache is not null)
        {
            // A cache's bad records were reported by prepare; training reports on validation, evaluate and export on test.
            return CacheRunData.Loaders(settings, batchSize, needTrain ? DataSplit.Validation : DataSplit.Test, measureOffsetScale: needTrain);
        }

        var policy = new PositionalSplitPolicy(settings.TrainPerClass, 0, settings.TestPerClass);
        if (settings.Format == DataFormat.Strokes)
        {
            SplitDataset<Drawing> data = QuickDrawDatasets.LoadDrawings(settings.Data, settings.Categories, policy, new QuickDrawReadOptions { OnBadRecord = onBadRecord });
            List<SketchSample> train = SketchBatches.Samples(data.Train);
            List<SketchSample> test = SketchBatches.Samples(data.Test);
            settings = settings with { OffsetScale = needTrain ? SketchFeatures.OffsetScale(train) : settings.OffsetScale };
            return new RunLoaders(
                SketchBatches.Loader(train, settings.OffsetScale, batchSize, train: true),
                SketchBatches.Loader(test, settings.OffsetScale, batchSize, train: false),
                settings,
                data.Report,
                Counts(data.Train.Labels, settings.Categories.Count),
                Counts(data.Test.Labels, settings.Categories.Count));
        }

        SplitDataset<byte[]> bitmaps = QuickDrawDatasets.LoadBitmaps(settings.Data, settings.Categories, policy, onBadRecord: onBadRecord);
        return new RunLoaders(
            BitmapLoader(bitmaps.Train, batchSize, train: true),
            BitmapLoader(bitmaps.Test, batchSize, train: false),
            settings,
            bitmaps.Report,
            Counts(bitmaps.Train.Labels, settings.Categories.Count),
            Counts(bitmaps.Test.Labels, settings.Categories.Count));
    }

    /// <summary>
    /// Every category needs a drawing in the split that is evaluated (for a cache: validation while training, test
    /// afterwards), so that its accuracy is a number; a one-line error says how to get one.
    /// </summary>
    public static void RequireTestDrawings(RunSettings settings, RunLoaders data, bool training = true)
    {
        if (settings.Cache is not null)
        {
            CacheRunData.RequireDrawings(settings, data.TestCounts, training ? DataSplit.Validation : DataSplit.Test);
            return;
        }

        for (int c = 0; c < settings.Categories.Count; c++)
        {
            if (data.TestCounts[c] == 0)
            {
                string file = Path.Combine(settings.Data, settings.Categories[c] + DataLocator.Extension(settings.Format));
                throw new UserError(data.TrainCounts[c] == 0
                    ? $"'{settings.Categories[c]}' has no usable drawing in {file} ({DataQualityPolicy.Summary(data.Report)}); fix the file or leave it out with --categories"
                    : $"'{settings.Categories[c]}' has only {data.TrainCounts[c]} usable drawing(s) in {file}, all taken for training (--train-per-class {settings.TrainPerClass}); none is left to test on: lower --train-per-class below {data.TrainCounts[c]}, or add drawings");
            }
        }
    }

    public static nn.Module<Tensor, Tensor> CreateModel(RunSettings settings)
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(settings.Seed);
        return settings.Format == DataFormat.Strokes
            ? new SketchClassifier(new SketchClassifierOptions { Classes = settings.Categories.Count })
            : new BitmapClassifier(new BitmapClassifierOptions { Classes = settings.Categories.Count });
    }

    private static long[] Counts(IReadOnlyList<int> labels, int classes)
    {
        var counts = new long[classes];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        return counts;
    }

    private static DataLoader<(byte[] Image, int Label)> BitmapLoader(LabeledItems<byte[]> items, int batchSize, bool train)
    {
        var samples = items.Items.Select((image, i) => (image, items.Labels[i])).ToList();
        static Batch Collate(IReadOnlyList<(byte[] Image, int Label)> batch) =>
            new(BitmapTensors.ToTensor(batch.Select(b => b.Image).ToList()), tensor(batch.Select(b => (long)b.Label).ToArray()));
        return new DataLoader<(byte[] Image, int Label)>(new ListDataset<(byte[] Image, int Label)>(samples), Collate, new DataLoaderOptions { BatchSize = batchSize, Shuffle = train });
    }
}
