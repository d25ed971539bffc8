using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Common;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Streaming;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Benchmarks.StandIn;

/// <summary>
/// Training from a prepared cache at scale, through the same loaders <c>quickdraw train --cache</c> builds
/// (<see cref="CacheRunData"/>): a fixed number of batches with the flagship's recipe while the anonymous resident
/// memory and the managed heap are sampled, then the same drawings through today's in-memory loader, side by side.
/// (The data pipeline alone and the time to the first batch: <c>quickdraw stream</c>.)
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
        RunSettings settings = CacheRunData.Settings(cache, seed: 42);
        using RunLoaders data = CacheRunData.Loaders(settings, BatchSize, DataSplit.Validation, measureOffsetScale: true);
        settings = data.Settings;
        List<long> rssAt = [];
        double streamed;
        long peakRss, peakHeap;
        using (var memory = new ProcessMemory(TimeSpan.FromMilliseconds(250)))
        {
            streamed = Fit(settings, new BatchLimit(data.Train, batches), () => rssAt.Add(ProcessMemory.Resident()));
            memory.Sample();
            peakRss = memory.PeakResident;
            peakHeap = memory.PeakHeap;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| cache, streamed | {data.Train.SampleCount:N0} | {batches} | {threads} | {streamed:N0} | {peakRss / 1048576.0:N0} MiB | {peakHeap / 1048576.0:N0} MiB | {Quartiles(rssAt)} |"));

        // The same drawings, read once into memory and batched by the flagship's in-memory loader.
        var loader = (CacheBatchLoader<SequenceSample>)data.Train;
        using DrawingCache open = DrawingCache.Open(cache);
        IReadOnlyList<CacheShard> shards = open.Shards(DataSplit.Train);
        var samples = new List<SketchSample>();
        foreach (long reference in loader.Plan(shuffle: true, 1).Take(batches).SelectMany(b => b))
        {
            CacheShard shard = shards[CacheBatchLoader<SequenceSample>.Shard(reference)];
            CachedDrawing d = shard.Shard.Read(CacheBatchLoader<SequenceSample>.Record(reference), shard.Label);
            samples.Add(SketchFeatures.Prepare(d.ToDrawing(settings.Categories[d.Label]), d.Label));
        }

        double inMemory = Fit(settings, SketchBatches.Loader(samples, settings.OffsetScale, BatchSize, train: true), null);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| in memory (DataLoader) | {samples.Count:N0} | {batches} | {threads} | {inMemory:N0} | | | |"));
        return 0;
    }

    private static double Fit(RunSettings settings, IBatchLoader train, Action? everyBatch)
    {
        using nn.Module<Tensor, Tensor> model = RunData.CreateModel(settings);
        var callback = new BatchCounter(everyBatch);
        TrainerOptions options = TrainingRecipes.Classification(1, settings.Categories, settings.Seed, topK: 3) with
        {
            LabelSmoothing = 0.1,
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
