using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Streaming;
using QuickDrawDsl.Runtime.Experiments;
using TorchSharp;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// A prepared cache (<c>train --cache</c>) as <see cref="SketchFeatures"/> samples, streamed: the training split shuffled
/// and freshly augmented every epoch, validation and test in shard order, offsets divided by the spread of up to
/// <see cref="OffsetScaleSample"/> training drawings taken from every shard. The splits are the cache's own (fixed when
/// it was prepared); memory is the loaders' buffers, whatever the size of the cache.
/// </summary>
internal sealed class SketchCacheData : IExperimentData
{
    /// <summary>Training drawings (spread over every shard) the offset scale is measured on.</summary>
    public const int OffsetScaleSample = 10_000;

    private readonly DrawingCache cache;
    private readonly float offsetScale;
    private readonly int workers;

    private SketchCacheData(DrawingCache cache, Preprocessing preprocessing, DataReadReport report, int workers)
    {
        this.cache = cache;
        this.workers = workers;
        Preprocessing = preprocessing;
        Report = report;
        offsetScale = (float)preprocessing.OffsetScale;
    }

    public Preprocessing Preprocessing { get; }

    public DataReadReport Report { get; }

    public IReadOnlyDictionary<string, long> UsableByClass => Counts(DataSplit.Train);

    public IReadOnlyDictionary<string, long> HeldOutByClass
    {
        get
        {
            IReadOnlyDictionary<string, long> validation = Counts(DataSplit.Validation), test = Counts(DataSplit.Test);
            return validation.ToDictionary(p => p.Key, p => p.Value + test[p.Key], StringComparer.Ordinal);
        }
    }

    public int TrainCount => (int)cache.Count(DataSplit.Train);

    public int ValidationCount => (int)cache.Count(DataSplit.Validation);

    public int TestCount => (int)cache.Count(DataSplit.Test);

    /// <summary>
    /// Takes the open cache and measures (or takes) the offset scale. Every class needs a drawing in the split that is
    /// scored: validation while training, test for a trained run, so that each class's accuracy is a number.
    /// </summary>
    /// <param name="cache">The open cache; disposed with the data (and here when the cache is refused).</param>
    /// <param name="trained">The trained run's preprocessing, or null for a new run.</param>
    /// <param name="onBadRecord">Called with each bad record the cache's sources had.</param>
    /// <param name="workers">Threads that preprocess and augment (default: one per core).</param>
    /// <returns>The data.</returns>
    /// <exception cref="UserError">The cache holds other classes than the run, or a class has no drawing in the scored split.</exception>
    public static SketchCacheData Create(DrawingCache cache, Preprocessing? trained, Action<BadRecord>? onBadRecord, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        try
        {
            if (trained is not null && !trained.Labels.SequenceEqual(cache.Classes, StringComparer.Ordinal))
            {
                throw new UserError($"the cache {cache.Folder} now holds {cache.Classes.Count} classes ({Preview(cache.Classes)}) but the run was trained on {trained.Labels.Count} ({Preview(trained.Labels)}); prepare the run's classes into their own folder, or train again");
            }

            DataSplit scored = trained is null ? DataSplit.Validation : DataSplit.Test;
            long[] counts = [.. cache.Classes.Select((_, c) => cache.Shards(scored).Where(s => s.Label == c).Sum(s => s.Shard.Count))];
            int missing = Array.IndexOf(counts, 0L);
            if (missing >= 0)
            {
                string option = scored == DataSplit.Validation ? "--validation-fraction" : "--test-fraction";
                throw new UserError($"'{cache.Classes[missing]}' has no {scored.ToString().ToLowerInvariant()} drawing in the cache {cache.Folder}; prepare it again into a new folder with a larger {option} or more drawings of that class");
            }

            DataReadReport report = CacheReadReport.Of(cache, onBadRecord);
            Preprocessing preprocessing = trained ?? new Preprocessing(cache.Classes, SketchFeatures.OffsetScale(SampleTrain(cache)), SketchFeatures.MaxPoints) { Format = "quickdraw_cache" };
            return new SketchCacheData(cache, preprocessing, report, workers ?? Environment.ProcessorCount);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    public IBatchLoader Train(int batchSize, bool shuffle)
    {
        IReadOnlyList<string> classes = cache.Classes;
        SequenceSample Augmented(CachedDrawing d, ulong seed) => Encode(SketchFeatures.Augment(Prepare(d, classes), new ShuffleRandom(unchecked((long)seed))));
        return new CacheBatchLoader<SequenceSample>(cache, DataSplit.Train, Augmented, SequenceCollate.Classification, new StreamingLoaderOptions { BatchSize = batchSize, Workers = workers });
    }

    public IBatchLoader Validation(int batchSize) => Plain(DataSplit.Validation, batchSize);

    public IBatchLoader Test(int batchSize) => Plain(DataSplit.Test, batchSize);

    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module) => new Dictionary<string, double>();

    public void Dispose() => cache.Dispose();

    // Shuffle stays on: the trainer's validation pass and evaluate give no generator, which keeps shard order.
    private CacheBatchLoader<SequenceSample> Plain(DataSplit split, int batchSize)
    {
        IReadOnlyList<string> classes = cache.Classes;
        return new CacheBatchLoader<SequenceSample>(cache, split, (d, _) => Encode(Prepare(d, classes)), SequenceCollate.Classification, new StreamingLoaderOptions { BatchSize = batchSize, Workers = workers });
    }

    private SequenceSample Encode(SketchSample sample) =>
        new(SketchFeatures.Encode(sample, offsetScale), SketchFeatures.FeatureCount, sample.Label);

    private static SketchSample Prepare(CachedDrawing drawing, IReadOnlyList<string> classes) =>
        SketchFeatures.Prepare(drawing.ToDrawing(classes[drawing.Label]), drawing.Label);

    // The same number from every training shard, so that every class (and source) counts, not just the first files'.
    private static List<SketchSample> SampleTrain(DrawingCache cache)
    {
        IReadOnlyList<CacheShard> shards = cache.Shards(DataSplit.Train);
        if (shards.Sum(s => s.Shard.Count) == 0)
        {
            throw new UserError($"the cache {cache.Folder} has no training drawings; prepare it again with more drawings or a lower --test-fraction and --validation-fraction");
        }

        int each = Math.Max(1, (OffsetScaleSample + shards.Count - 1) / shards.Count);
        var samples = new List<SketchSample>();
        foreach (CacheShard s in shards)
        {
            for (long i = 0; i < Math.Min(each, s.Shard.Count); i++)
            {
                samples.Add(Prepare(s.Shard.Read(i, s.Label), cache.Classes));
            }
        }

        return samples;
    }

    private IReadOnlyDictionary<string, long> Counts(DataSplit split) =>
        cache.Classes.Select((c, i) => (c, Count: cache.Shards(split).Where(s => s.Label == i).Sum(s => s.Shard.Count))).ToDictionary(p => p.c, p => p.Count, StringComparer.Ordinal);

    private static string Preview(IReadOnlyList<string> classes) =>
        string.Join(", ", classes.Take(4)) + (classes.Count > 4 ? ", …" : string.Empty);
}
