using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>Loads a run's splits and builds its model.</summary>
internal static class RunData
{
    /// <summary>
    /// Reads the run's data (every bad record goes to <paramref name="onBadRecord"/>) and builds the loaders. While
    /// <paramref name="training"/>, the second loader is the split the trainer scores each epoch and picks the best one by
    /// (validation; the test split only for a run.json from before the validation split), and for strokes the settings
    /// come back with the training set's offset scale filled in; otherwise it is the test split.
    /// </summary>
    public static RunLoaders Loaders(RunSettings settings, int batchSize, bool training, Action<BadRecord>? onBadRecord = null)
    {
        if (settings.Cache is not null)
        {
            // A cache's bad records were reported by prepare; training reports on validation, evaluate and export on test.
            return CacheRunData.Loaders(settings, batchSize, training ? DataSplit.Validation : DataSplit.Test, measureOffsetScale: training);
        }

        PositionalSplitPolicy policy = InMemorySplit.Policy(settings);
        DataSplit evaluateOn = training ? InMemorySplit.TrainingEvaluationSplit(settings) : DataSplit.Test;
        if (settings.Format == DataFormat.Strokes)
        {
            SplitDataset<Drawing> data = QuickDrawDatasets.LoadDrawings(settings.Data, settings.Categories, policy, new QuickDrawReadOptions { OnBadRecord = onBadRecord });
            List<SketchSample> train = SketchBatches.Samples(data.Train);
            List<SketchSample> evaluate = SketchBatches.Samples(Part(data, evaluateOn));
            settings = settings with { OffsetScale = training ? SketchFeatures.OffsetScale(train) : settings.OffsetScale };
            return new RunLoaders(
                SketchBatches.Loader(train, settings.OffsetScale, batchSize, train: true),
                SketchBatches.Loader(evaluate, settings.OffsetScale, batchSize, train: false),
                evaluateOn,
                settings,
                data.Report,
                Counts(data, settings.Categories.Count));
        }

        SplitDataset<byte[]> bitmaps = QuickDrawDatasets.LoadBitmaps(settings.Data, settings.Categories, policy, onBadRecord: onBadRecord);
        return new RunLoaders(
            BitmapLoader(bitmaps.Train, batchSize, train: true),
            BitmapLoader(Part(bitmaps, evaluateOn), batchSize, train: false),
            evaluateOn,
            settings,
            bitmaps.Report,
            Counts(bitmaps, settings.Categories.Count));
    }

    /// <summary>
    /// Every category needs a drawing in the test split (so that evaluate can score it) and, while training, in the split
    /// the trainer scores (for a cache: its validation split); a one-line error says how to get one.
    /// </summary>
    public static void RequireEvaluationDrawings(RunSettings settings, RunLoaders data)
    {
        if (settings.Cache is not null)
        {
            CacheRunData.RequireDrawings(settings, data.Counts[data.EvaluateSplit], data.EvaluateSplit);
            return;
        }

        // Positional: validation lies before test in each file, so a class with test drawings has validation ones too.
        long[] train = data.Counts[DataSplit.Train], validation = data.Counts[DataSplit.Validation], test = data.Counts[DataSplit.Test];
        for (int c = 0; c < settings.Categories.Count; c++)
        {
            long block = train[c] + validation[c];
            if (test[c] == 0)
            {
                string file = Path.Combine(settings.Data, settings.Categories[c] + DataLocator.Extension(settings.Format));
                throw new UserError(block == 0
                    ? $"'{settings.Categories[c]}' has no usable drawing in {file} ({DataQualityPolicy.Summary(data.Report)}); fix the file or leave it out with --categories"
                    : $"'{settings.Categories[c]}' has only {block} usable drawing(s) in {file}, all taken for training and validation (--train-per-class {settings.TrainPerClass}); none is left to test on: lower --train-per-class below {block}, or add drawings");
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

    private static LabeledItems<T> Part<T>(SplitDataset<T> data, DataSplit split) =>
        split == DataSplit.Validation ? data.Validation : data.Test;

    private static Dictionary<DataSplit, long[]> Counts<T>(SplitDataset<T> data, int classes) => new()
    {
        [DataSplit.Train] = Counts(data.Train.Labels, classes),
        [DataSplit.Validation] = Counts(data.Validation.Labels, classes),
        [DataSplit.Test] = Counts(data.Test.Labels, classes),
    };

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
