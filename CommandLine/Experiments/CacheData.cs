using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Data.Streaming;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// A prepared drawing cache (<c>quickdraw_cache</c>, made by <c>DrawingCachePreparer</c> / <c>quickdraw prepare</c>)
/// streamed through the runtime's <see cref="CacheBatchLoader{T}"/>: the cache's own splits (fixed when it was
/// prepared, by a hash of key_id), drawings encoded as the model's stroke-3 input exactly as
/// <see cref="DrawingData.Features(Drawing, Preprocessing, int?)"/> does, the offset scale measured on up to <see cref="OffsetScaleSample"/> training
/// drawings spread over every shard. Memory is the loaders' buffers, whatever the size of the cache.
/// </summary>
internal sealed class CacheData : IExperimentData
{
    /// <summary>Training drawings the offset scale is measured on.</summary>
    public const int OffsetScaleSample = 10_000;

    private readonly DrawingCache cache;
    private readonly int? fixedLength;

    private CacheData(DrawingCache cache, Preprocessing preprocessing, DataReadReport report, int? fixedLength)
    {
        this.cache = cache;
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
        cache.Classes.Select((c, i) => (c, Count: cache.Shards(DataSplit.Train).Where(s => s.Label == i).Sum(s => s.Shard.Count))).ToDictionary(p => p.c, p => p.Count);

    /// <inheritdoc />
    public int TrainCount => (int)cache.Count(DataSplit.Train);

    /// <inheritdoc />
    public int ValidationCount => (int)cache.Count(DataSplit.Validation);

    /// <inheritdoc />
    public int TestCount => (int)cache.Count(DataSplit.Test);

    /// <summary>Opens the cache and fits (or takes) the preprocessing.</summary>
    /// <param name="cache">The open cache; disposed with the data.</param>
    /// <param name="data">The <c>data:</c> section (its <c>max_points</c>).</param>
    /// <param name="info">The model.</param>
    /// <param name="trained">The trained run's preprocessing, or null.</param>
    /// <param name="onBadRecord">Called with each bad record the cache's sources had.</param>
    /// <returns>The data.</returns>
    public static CacheData Create(DrawingCache cache, DataSection data, ModelInfo info, Preprocessing? trained, Action<BadRecord>? onBadRecord)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(data);
        DataReadReport report = CacheReadReport.Of(cache, onBadRecord);
        int? fixedLength = DrawingData.FixedLength(info);
        int? maxPoints = fixedLength ?? data.MaxPoints;
        Preprocessing preprocessing = trained ?? new Preprocessing(cache.Classes, OffsetScale(cache, maxPoints), maxPoints) { Format = DataSection.FormatKey(data.Format) };
        return new CacheData(cache, preprocessing, report, fixedLength);
    }

    /// <inheritdoc />
    public IBatchLoader Train(int batchSize, bool shuffle) => Loader(DataSplit.Train, batchSize, shuffle);

    /// <inheritdoc />
    public IBatchLoader Validation(int batchSize) => Loader(DataSplit.Validation, batchSize, shuffle: false);

    /// <inheritdoc />
    public IBatchLoader Test(int batchSize) => Loader(DataSplit.Test, batchSize, shuffle: false);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module) => new Dictionary<string, double>();

    /// <inheritdoc />
    public void Dispose() => cache.Dispose();

    private static double OffsetScale(DrawingCache cache, int? maxPoints)
    {
        IReadOnlyList<CacheShard> shards = cache.Shards(DataSplit.Train);
        if (shards.Sum(s => s.Shard.Count) == 0)
        {
            throw new UserError($"the cache {cache.Folder} has no training drawings; prepare it again with more drawings or a lower test and validation fraction");
        }

        // The same number from every training shard, so that every class counts, not just the first files'.
        int each = Math.Max(1, (OffsetScaleSample + shards.Count - 1) / shards.Count);
        IEnumerable<Stroke3Sequence> sample = shards.SelectMany(s => Enumerable.Range(0, (int)Math.Min(each, s.Shard.Count))
            .Select(i => Cut(StrokeConversions.ToStroke3(s.Shard.Read(i, s.Label).ToDrawing(cache.Classes[s.Label])), maxPoints)));
        return StrokeNormalization.OffsetScaleFactor(sample);
    }

    private static Stroke3Sequence Cut(Stroke3Sequence sequence, int? maxPoints) =>
        maxPoints is { } n && sequence.Length > n ? new Stroke3Sequence(sequence.Data[..(n * Stroke3Sequence.Columns)]) : sequence;

    private CacheBatchLoader<SequenceSample> Loader(DataSplit split, int batchSize, bool shuffle)
    {
        SequenceSample Encode(CachedDrawing drawing, ulong seed) =>
            new(DrawingData.Features(drawing.ToDrawing(cache.Classes[drawing.Label]), Preprocessing, fixedLength), Stroke3Sequence.Columns, drawing.Label);

        // One worker: libtorch already runs at the training's thread count, and the encoding is cheap.
        return new CacheBatchLoader<SequenceSample>(cache, split, Encode, SequenceCollate.Classification, new StreamingLoaderOptions { BatchSize = batchSize, Shuffle = shuffle, Workers = 1 });
    }
}
