using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Streaming;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// A run's data streamed from a prepared cache (<c>train --cache</c>): training reads the train split shuffled and
/// augmented, reports on the validation split, and <c>evaluate</c> / <c>export</c> read the test split, which training
/// never sees. Memory is the loaders' buffers, whatever the size of the cache.
/// </summary>
internal static class CacheRunData
{
    /// <summary>Training drawings (spread over every shard) the offset scale is measured on.</summary>
    public const int OffsetScaleSample = 10_000;

    /// <summary>The settings of a new run on the cache in <paramref name="folder"/>: its classes and manifest hash.</summary>
    public static RunSettings Settings(string folder, int seed)
    {
        if (!File.Exists(Path.Combine(folder, DrawingCacheFormat.ManifestFileName)) && Directory.Exists(folder)
            && (Directory.EnumerateFiles(folder, "*.ndjson").Any() || Directory.EnumerateFiles(folder, "*.bin").Any()))
        {
            throw new UserError($"--cache {folder} is a folder of QuickDraw files, not a prepared cache; prepare it once with quickdraw prepare --data {folder} --output <cache>, then train --cache <cache> (or train on it directly with --data {folder})");
        }

        using DrawingCache cache = DrawingCache.Open(folder);
        if (cache.Classes.Count < 2)
        {
            throw new UserError($"--cache {folder} holds {cache.Classes.Count} class(es); a classifier needs at least 2: prepare it from a folder with more categories");
        }

        return new RunSettings(DataFormat.Strokes, Path.GetFullPath(folder), cache.Classes.ToArray(), 0, 0, seed, 1f, Describe(cache));
    }

    /// <summary>The cache's manifest hash and split sizes, as run.json records them.</summary>
    public static RunCache Describe(DrawingCache cache)
    {
        byte[] manifest = File.ReadAllBytes(Path.Combine(cache.Folder, DrawingCacheFormat.ManifestFileName));
        return new RunCache(Convert.ToHexStringLower(SHA256.HashData(manifest)), cache.Count(DataSplit.Train), cache.Count(DataSplit.Validation), cache.Count(DataSplit.Test));
    }

    /// <summary>
    /// Opens the run's cache and builds its loaders: the train split (shuffled, augmented) and <paramref name="evaluateOn"/>
    /// (validation while training, test for evaluate and export). With <paramref name="measureOffsetScale"/> the settings
    /// come back with the offset scale of <see cref="OffsetScaleSample"/> training drawings.
    /// </summary>
    /// <param name="settings">The run's settings (<see cref="RunSettings.Cache"/> set).</param>
    /// <param name="batchSize">Batch size.</param>
    /// <param name="evaluateOn">The split of the second loader.</param>
    /// <param name="measureOffsetScale">Measure the offset scale (a new run) instead of keeping the settings' one.</param>
    /// <param name="workers">Threads that preprocess and augment (default: processor count).</param>
    public static RunLoaders Loaders(RunSettings settings, int batchSize, DataSplit evaluateOn, bool measureOffsetScale, int? workers = null)
    {
        if (!Directory.Exists(settings.Data))
        {
            throw new UserError($"the run's cache {settings.Data} is gone; restore it (run.json names it), prepare it again with quickdraw prepare --output {settings.Data}, or train again");
        }

        DrawingCache cache = DrawingCache.Open(settings.Data);
        try
        {
            if (!cache.Classes.SequenceEqual(settings.Categories, StringComparer.Ordinal))
            {
                throw new UserError($"the cache {settings.Data} now holds {cache.Classes.Count} classes ({Preview(cache.Classes)}) but the run was trained on {settings.Categories.Count} ({Preview(settings.Categories)}); prepare the run's classes into their own folder, or train again");
            }

            IReadOnlyList<string> classes = cache.Classes;
            if (measureOffsetScale)
            {
                settings = settings with { OffsetScale = SketchFeatures.OffsetScale(SampleTrain(cache)) };
            }

            float scale = settings.OffsetScale;
            SequenceSample Augmented(CachedDrawing d, ulong seed) => Encode(SketchFeatures.Augment(Prepare(d, classes), new ShuffleRandom(unchecked((long)seed))), scale);
            SequenceSample Plain(CachedDrawing d, ulong seed) => Encode(Prepare(d, classes), scale);
            var train = new CacheBatchLoader<SequenceSample>(cache, DataSplit.Train, Augmented, SequenceCollate.Classification, new StreamingLoaderOptions { BatchSize = batchSize, Workers = workers ?? Environment.ProcessorCount });

            // Shuffle on: a null generator (the trainer's validation pass, evaluate) keeps shard order; export samples the split with a seeded one.
            var evaluate = new CacheBatchLoader<SequenceSample>(cache, evaluateOn, Plain, SequenceCollate.Classification, new StreamingLoaderOptions { BatchSize = batchSize, Workers = workers ?? Environment.ProcessorCount });
            var counts = new Dictionary<DataSplit, long[]>
            {
                [DataSplit.Train] = Counts(cache, DataSplit.Train),
                [DataSplit.Validation] = Counts(cache, DataSplit.Validation),
                [DataSplit.Test] = Counts(cache, DataSplit.Test),
            };
            return new RunLoaders(train, evaluate, evaluateOn, settings, new DataReadReport(), counts, cache);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>Every class needs a drawing in the split that is evaluated, so that its accuracy is a number.</summary>
    public static void RequireDrawings(RunSettings settings, long[] counts, DataSplit split)
    {
        int missing = Array.IndexOf(counts, 0L);
        if (missing >= 0)
        {
            string option = split == DataSplit.Validation ? "--validation-fraction" : "--test-fraction";
            throw new UserError($"'{settings.Categories[missing]}' has no {split.ToString().ToLowerInvariant()} drawing in the cache {settings.Data}; prepare it again into a new folder with a larger {option} or more drawings of that class");
        }
    }

    private static SketchSample Prepare(CachedDrawing drawing, IReadOnlyList<string> classes) =>
        SketchFeatures.Prepare(drawing.ToDrawing(classes[drawing.Label]), drawing.Label);

    private static SequenceSample Encode(SketchSample sample, float offsetScale) =>
        new(SketchFeatures.Encode(sample, offsetScale), SketchFeatures.FeatureCount, sample.Label);

    // The same number from every training shard, so that every class (and source) counts, not just the first files'.
    private static List<SketchSample> SampleTrain(DrawingCache cache)
    {
        IReadOnlyList<CacheShard> shards = cache.Shards(DataSplit.Train);
        int each = Math.Max(1, (OffsetScaleSample + shards.Count - 1) / Math.Max(1, shards.Count));
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

    private static long[] Counts(DrawingCache cache, DataSplit split)
    {
        var counts = new long[cache.Classes.Count];
        foreach (CacheShard s in cache.Shards(split))
        {
            counts[s.Label] += s.Shard.Count;
        }

        return counts;
    }

    private static string Preview(IReadOnlyList<string> classes) =>
        string.Join(", ", classes.Take(4)) + (classes.Count > 4 ? ", …" : string.Empty);
}
