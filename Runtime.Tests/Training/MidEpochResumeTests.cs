using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Streaming;
using QuickDrawDsl.Runtime.Tests.Data;
using QuickDrawDsl.Runtime.Tests.Data.Cache;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Training;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>
/// A run killed in the middle of an epoch and resumed from its mid-epoch checkpoint reaches the same weights, bit for
/// bit, as an uninterrupted run, with random augmentation on every sample and dropout in the model.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class MidEpochResumeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [RealDataFact]
    public void StreamingFromTheCacheWithAugmentationResumesBitIdentically()
    {
        string source = temp.File("source");
        foreach (string word in new[] { "apple", "banana", "eye", "nose" })
        {
            CacheFixtures.CopySimplified(source, word);
        }

        DrawingCachePreparer.Prepare(source, temp.File("cache"));
        using DrawingCache cache = DrawingCache.Open(temp.File("cache"));
        var options = new StreamingLoaderOptions { BatchSize = 24, BlockSize = 8, ShuffleBufferSize = 64, BucketChunkBatches = 2, PrefetchBatches = 2, Workers = 2 };
        CacheBatchLoader<VectorSample> Loader(Func<int, bool>? failAt) =>
            new(cache, DataSplit.Train, Features, Failing(VectorSample.Classification, failAt), options);

        Loader(null).BatchesPerEpoch.ShouldBeGreaterThan(10);
        CompareWithKilledRuns(Loader, classes: 4, killAt: [(1, 6), (2, 0), (2, 9)]);
    }

    [Fact]
    public void InMemoryLoaderWithBatchContextAugmentationResumesBitIdentically()
    {
        List<VectorSample> samples = SyntheticTasks.Blobs(200, 3, 4, seed: 61, spread: 1.5);
        DataLoader<VectorSample> Loader(Func<int, bool>? failAt) => new(
            new ListDataset<VectorSample>(samples),
            (batch, context) => Failing(VectorSample.Classification, failAt)(batch.Select((s, i) => Jitter(s, context.SampleRandom(i))).ToList()),
            new DataLoaderOptions { BatchSize = 16, Shuffle = true });

        CompareWithKilledRuns(Loader, classes: 3, killAt: [(0, 5), (1, 12), (2, 3)]);
    }

    // Kills (an exception from the loader, as a crash would end the process) at each (epoch, batch) in turn, resuming
    // from the checkpoint each time; the final weights must equal those of a run that was never interrupted.
    private void CompareWithKilledRuns(Func<Func<int, bool>?, IBatchLoader> loader, int classes, (int Epoch, int Batch)[] killAt)
    {
        const int epochs = 3;
        TrainerOptions Options(string checkpoint) => new()
        {
            Epochs = epochs,
            LearningRate = 0.02,
            Optimizer = OptimizerKind.AdamW,
            CheckpointPath = checkpoint,
            CheckpointEveryBatches = 1,
            RestoreBestModel = false,
            Seed = 99,
            Progress = ProgressMode.None,
        };

        using var full = new TinyClassifier(4, 16, classes, seed: 5, dropoutRate: 0.3);
        TrainingResult uninterrupted;
        using (var trainer = new Trainer(full, Options(temp.File("full.qdckpt"))))
        {
            uninterrupted = trainer.Fit(loader(null));
        }

        string checkpoint = temp.File("killed.qdckpt");
        int perEpoch = loader(null).BatchesPerEpoch;
        int start = 0;
        foreach ((int epoch, int batch) in killAt)
        {
            // With a checkpoint after every batch, each run starts where the previous one died.
            int target = (epoch * perEpoch) + batch;
            int calls = 0;
            using var model = new TinyClassifier(4, 16, classes, seed: 5, dropoutRate: 0.3);
            using var trainer = new Trainer(model, Options(checkpoint));
            Should.Throw<IOException>(() => trainer.Fit(loader(_ => start + calls++ == target)));
            start = target;
            random.manual_seed(12345); // the resumed run must restore torch's generator itself
        }

        using var resumedModel = new TinyClassifier(4, 16, classes, seed: 777, dropoutRate: 0.3);
        TrainingResult resumed;
        using (var trainer = new Trainer(resumedModel, Options(checkpoint)))
        {
            resumed = trainer.Fit(loader(null));
        }

        resumed.History.Count.ShouldBe(epochs);
        resumed.History.Select(r => r.Get(MetricNames.TrainLoss)).ShouldBe(uninterrupted.History.Select(r => r.Get(MetricNames.TrainLoss)));
        Dictionary<string, Tensor> a = full.state_dict();
        Dictionary<string, Tensor> b = resumedModel.state_dict();
        foreach (string key in a.Keys)
        {
            a[key].bytes.SequenceEqual(b[key].bytes).ShouldBeTrue($"{key} differs after resume");
        }
    }

    private static Func<IReadOnlyList<VectorSample>, Batch> Failing(Func<IReadOnlyList<VectorSample>, Batch> collate, Func<int, bool>? failAt) => batch =>
    {
        if (failAt is not null && failAt(0))
        {
            throw new IOException("killed");
        }

        return collate(batch);
    };

    private static VectorSample Features(CachedDrawing d, ulong seed)
    {
        var random = new ShuffleRandom(unchecked((long)seed));
        double sx = 0, sy = 0;
        int n = d.PointCount, strokes = 0;
        for (int i = 0; i < n; i++)
        {
            sx += d.Points[3 * i];
            sy += d.Points[(3 * i) + 1];
            strokes += d.Points[(3 * i) + 2] & 1;
        }

        return new VectorSample(
        [
            (float)((sx / n / 128) - 1 + (random.NextGaussian() * 0.05)),
            (float)((sy / n / 128) - 1 + (random.NextGaussian() * 0.05)),
            (float)((n / 50.0) + (random.NextGaussian() * 0.05)),
            (float)((strokes / 5.0) + (random.NextGaussian() * 0.05)),
        ], d.Label);
    }

    private static VectorSample Jitter(VectorSample s, ShuffleRandom random) =>
        s with { Features = s.Features.Select(v => (float)(v + (random.NextGaussian() * 0.1))).ToArray() };
}
