using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>Stroke samples and their loaders: bucketed by length, and freshly augmented every epoch for training.</summary>
internal static class SketchBatches
{
    public static List<SketchSample> Samples(LabeledItems<Drawing> items) =>
        items.Items.Select((d, i) => new SketchSample(SketchFeatures.Prepare(d), items.Labels[i])).ToList();

    public static DataLoader<SketchSample> Loader(IReadOnlyList<SketchSample> samples, int batchSize, bool train, int seed)
    {
        var random = new Random(seed);
        Batch Collate(IReadOnlyList<SketchSample> batch) => SequenceCollate.Classification(
            batch.Select(s => new SequenceSample(
                SketchFeatures.Encode(train ? StrokeAugmentation.Augment(s.Strokes, random) : s.Strokes),
                SketchFeatures.FeatureCount,
                s.Label)).ToList());

        var options = new DataLoaderOptions { BatchSize = batchSize, Shuffle = train, BucketChunkBatches = train ? 4 : 0 };
        return new DataLoader<SketchSample>(new ListDataset<SketchSample>(samples), Collate, options, s => s.Strokes.Length);
    }
}
