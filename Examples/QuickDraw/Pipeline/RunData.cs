using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>Loads a run's train and test splits and builds its model.</summary>
internal static class RunData
{
    /// <summary>The run's loaders; for strokes, <paramref name="settings"/> comes back with the training set's offset scale filled in.</summary>
    public static (IBatchLoader Train, IBatchLoader Test, RunSettings Settings) Loaders(RunSettings settings, int batchSize)
    {
        if (settings.Format == DataFormat.Strokes)
        {
            SplitDataset<Drawing> data = QuickDrawDatasets.LoadDrawings(settings.Data, settings.Categories, new PositionalSplitPolicy(settings.TrainPerClass, 0, settings.TestPerClass));
            List<SketchSample> train = SketchBatches.Samples(data.Train);
            List<SketchSample> test = SketchBatches.Samples(data.Test);
            settings = settings with { OffsetScale = SketchFeatures.OffsetScale(train) };
            return (
                SketchBatches.Loader(train, settings.OffsetScale, batchSize, train: true, settings.Seed),
                SketchBatches.Loader(test, settings.OffsetScale, batchSize, train: false, settings.Seed),
                settings);
        }

        SplitDataset<byte[]> bitmaps = QuickDrawDatasets.LoadBitmaps(settings.Data, settings.Categories, new PositionalSplitPolicy(settings.TrainPerClass, 0, settings.TestPerClass));
        return (BitmapLoader(bitmaps.Train, batchSize, train: true), BitmapLoader(bitmaps.Test, batchSize, train: false), settings);
    }

    public static nn.Module<Tensor, Tensor> CreateModel(RunSettings settings)
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(settings.Seed);
        return settings.Format == DataFormat.Strokes
            ? new SketchClassifier(new SketchClassifierOptions { Classes = settings.Categories.Count })
            : new BitmapClassifier(new BitmapClassifierOptions { Classes = settings.Categories.Count });
    }

    private static DataLoader<(byte[] Image, int Label)> BitmapLoader(LabeledItems<byte[]> items, int batchSize, bool train)
    {
        var samples = items.Items.Select((image, i) => (image, items.Labels[i])).ToList();
        static Batch Collate(IReadOnlyList<(byte[] Image, int Label)> batch) =>
            new(BitmapTensors.ToTensor(batch.Select(b => b.Image).ToList()), tensor(batch.Select(b => (long)b.Label).ToArray()));
        return new DataLoader<(byte[] Image, int Label)>(new ListDataset<(byte[] Image, int Label)>(samples), Collate, new DataLoaderOptions { BatchSize = batchSize, Shuffle = train });
    }
}
