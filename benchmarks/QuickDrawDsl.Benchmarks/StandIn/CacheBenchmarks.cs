using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Streaming;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Training;
using TorchSharp;

namespace QuickDrawDsl.Benchmarks.StandIn;

/// <summary>
/// Training from a prepared cache at scale, through the same data <c>quickdraw train --cache</c> streams
/// (<see cref="SketchCacheData"/>, as <c>quickdraw stream</c> opens it) and the spec's recipe
/// (<see cref="SketchClassifierTraining"/>): a fixed number of batches while the anonymous resident memory and the
/// managed heap are sampled, then the same drawings through the in-memory loader, side by side. (The data pipeline
/// alone and the time to the first batch: <c>quickdraw stream</c>.)
/// </summary>
public static class CacheBenchmarks
{
    private const int BatchSize = 128;

    /// <summary>Trains <paramref name="batches"/> batches streamed from the cache, then the same drawings held in memory; prints two Markdown rows.</summary>
    /// <param name="output">Where the rows go.</param>
    /// <param name="cache">A prepared cache.</param>
    /// <param name="batches">Training batches per loader.</param>
    /// <param name="threads">libtorch threads.</param>
    /// <returns>The process exit code.</returns>
    public static int Train(TextWriter output, string cache, int batches, int threads)
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(threads);
        using SketchCacheData data = SketchCacheData.Create(SketchFormat.OpenCache(cache, cache), trained: null, onBadRecord: null);
        IReadOnlyList<string> classes = data.Preprocessing.Labels;
        float offsetScale = (float)data.Preprocessing.OffsetScale;
        var train = (CacheBatchLoader<SequenceSample>)data.Train(BatchSize, shuffle: true);
        List<long> rssAt = [];
        double streamed;
        long peakRss, peakHeap;
        using (var memory = new ProcessMemory(TimeSpan.FromMilliseconds(250)))
        {
            streamed = Fit(classes, new BatchLimit(train, batches), () => rssAt.Add(ProcessMemory.Resident()));
            memory.Sample();
            peakRss = memory.PeakResident;
            peakHeap = memory.PeakHeap;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| cache, streamed | {train.SampleCount:N0} | {batches} | {threads} | {streamed:N0} | {peakRss / 1048576.0:N0} MiB | {peakHeap / 1048576.0:N0} MiB | {Quartiles(rssAt)} |"));

        // The same drawings, read once into memory and batched by the flagship's in-memory loader.
        using DrawingCache open = DrawingCache.Open(cache);
        IReadOnlyList<CacheShard> shards = open.Shards(DataSplit.Train);
        var samples = new List<SketchSample>();
        foreach (long reference in train.Plan(shuffle: true, 1).Take(batches).SelectMany(b => b))
        {
            CacheShard shard = shards[CacheBatchLoader<SequenceSample>.Shard(reference)];
            CachedDrawing d = shard.Shard.Read(CacheBatchLoader<SequenceSample>.Record(reference), shard.Label);
            samples.Add(SketchFeatures.Prepare(d.ToDrawing(classes[d.Label]), d.Label));
        }

        double inMemory = Fit(classes, SketchBatches.Loader(samples, offsetScale, BatchSize, train: true), null);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| in memory (DataLoader) | {samples.Count:N0} | {batches} | {threads} | {inMemory:N0} | | | |"));
        return 0;
    }

    // One epoch of the loader with train's model and options: the spec's training: section, top-k within the classes.
    private static double Fit(IReadOnlyList<string> classes, IBatchLoader train, Action? everyBatch)
    {
        var training = new SketchClassifierTraining();
        torch.random.manual_seed(training.Seed);
        using var model = new SketchClassifier(new SketchClassifierOptions { Classes = classes.Count });
        var callback = new BatchCounter(everyBatch);
        TrainerOptions options = (training with { Epochs = 1, TopK = Math.Min(training.TopK ?? 1, classes.Count) }).ToTrainerOptions(classes.Count) with
        {
            ClassNames = classes,
            Progress = ProgressMode.None,
            Log = TextWriter.Null,
            Callbacks = everyBatch is null ? [] : [callback],
        };
        using var trainer = new Trainer(model, options);
        var clock = Stopwatch.StartNew();
        trainer.Fit(train);
        return train.SampleCount / clock.Elapsed.TotalSeconds;
    }

    private static string Quartiles(List<long> values)
    {
        if (values.Count == 0)
        {
            return string.Empty;
        }

        return string.Join(" / ", new[] { 0.25, 0.5, 0.75, 1.0 }.Select(q => (values[Math.Min(values.Count - 1, (int)(q * values.Count) - (q == 1.0 ? 1 : 0))] / 1048576.0).ToString("N0", CultureInfo.InvariantCulture)));
    }
}
