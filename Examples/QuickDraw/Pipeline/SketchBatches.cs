using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// Stroke samples and their loaders: bucketed by length, and freshly augmented every epoch for training, each sample
/// with a generator seeded from its place in the epoch (so a run resumed mid-epoch augments as an uninterrupted one).
/// </summary>
internal static class SketchBatches
{
    public static List<SketchSample> Samples(LabeledItems<Drawing> items) =>
        items.Items.Select((d, i) => SketchFeatures.Prepare(d, items.Labels[i])).ToList();

    public static DataLoader<SketchSample> Loader(IReadOnlyList<SketchSample> samples, float offsetScale, int batchSize, bool train)
    {
        Batch Collate(IReadOnlyList<SketchSample> batch, BatchContext context) => SequenceCollate.Classification(
            batch.Select((s, i) => new SequenceSample(
                SketchFeatures.Encode(train ? SketchFeatures.Augment(s, context.SampleRandom(i)) : s, offsetScale),
                SketchFeatures.FeatureCount,
                s.Label)).ToList());

        var options = new DataLoaderOptions { BatchSize = batchSize, Shuffle = train, BucketChunkBatches = train ? 4 : 0 };
        return new DataLoader<SketchSample>(new ListDataset<SketchSample>(samples), Collate, options, s => s.Length);
    }
}
