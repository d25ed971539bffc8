using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Strokes;
using TorchSharp;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// The training drawings as the <c>Trainer</c> reads them: each epoch every drawing gets a fresh random scale per axis
/// and rotation (Sketch-RNN augments the same way; with 800 drawings the decoder overfits without it, the README has
/// the measured difference), and only the current batch is turned into tensors, so memory does not grow with the data.
/// Inputs are the encoder's feature rows <c>[B, points, 5]</c>, targets the decoder's rows <c>[B, points, 3]</c>.
/// </summary>
internal sealed class SketchBatchLoader : IBatchLoader
{
    private readonly IReadOnlyList<Stroke3Sequence> drawings;
    private readonly float scale;
    private readonly int batchSize;
    private readonly double augmentScale;
    private readonly double augmentRotation;
    private readonly Random augmentation;

    /// <summary>Creates the loader.</summary>
    /// <param name="drawings">Prepared drawings (see <see cref="SketchEncoding.Prepare"/>).</param>
    /// <param name="scale">The offset scale.</param>
    /// <param name="batchSize">Drawings per batch (the last batch takes the rest).</param>
    /// <param name="augmentScale">Largest per-axis scale change, 0..1 (0: none).</param>
    /// <param name="augmentRotation">Largest rotation in degrees either way (0: none).</param>
    /// <param name="seed">Seeds the augmentation (the trainer's generator shuffles).</param>
    public SketchBatchLoader(IReadOnlyList<Stroke3Sequence> drawings, float scale, int batchSize, double augmentScale, double augmentRotation, int seed)
    {
        ArgumentNullException.ThrowIfNull(drawings);
        ArgumentOutOfRangeException.ThrowIfLessThan(drawings.Count, 1, nameof(drawings));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(augmentScale);
        ArgumentOutOfRangeException.ThrowIfNegative(augmentRotation);
        this.drawings = drawings;
        this.scale = scale;
        this.batchSize = batchSize;
        this.augmentScale = augmentScale;
        this.augmentRotation = augmentRotation;
        augmentation = new Random(seed);
    }

    /// <inheritdoc />
    public int SampleCount => drawings.Count;

    /// <inheritdoc />
    public int BatchesPerEpoch => (drawings.Count + batchSize - 1) / batchSize;

    /// <inheritdoc />
    public IEnumerable<Batch> GetBatches(ShuffleRandom? random)
    {
        int[] order = Enumerable.Range(0, drawings.Count).ToArray();
        random?.Shuffle(order);
        return Batches(order);
    }

    private IEnumerable<Batch> Batches(int[] order)
    {
        bool augment = augmentScale > 0 || augmentRotation > 0;
        for (int start = 0; start < order.Length; start += batchSize)
        {
            Stroke3Sequence[] batch = order.Skip(start).Take(batchSize)
                .Select(i => augment ? StrokeAugmentation.Augment(drawings[i], augmentation, augmentScale, augmentRotation) : drawings[i])
                .ToArray();
            long n = batch.Length;
            torch.Tensor features = torch.tensor(batch.SelectMany(s => SketchEncoding.FeatureRows(s, scale)).ToArray(), [n, SketchEncoding.Points, SketchEncoding.FeatureColumns]);
            torch.Tensor points = torch.tensor(batch.SelectMany(s => SketchEncoding.PointRows(s, scale)).ToArray(), [n, SketchEncoding.Points, SketchEncoding.PointColumns]);
            yield return new Batch(features, points);
        }
    }
}
