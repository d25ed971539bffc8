using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;

namespace QuickDrawDsl.Benchmarks.StandIn;

/// <summary>The first <paramref name="batches"/> batches of a loader's epoch, as a loader: a bounded slice of a huge epoch to time and measure.</summary>
/// <param name="inner">The loader.</param>
/// <param name="batches">Batches per epoch.</param>
internal sealed class BatchLimit(IBatchLoader inner, int batches) : IBatchLoader
{
    public int SampleCount => System.Math.Min(inner.SampleCount, batches * (inner.SampleCount / System.Math.Max(1, inner.BatchesPerEpoch)));

    public int BatchesPerEpoch => System.Math.Min(batches, inner.BatchesPerEpoch);

    public IEnumerable<Batch> GetBatches(ShuffleRandom? random) => inner.GetBatches(random).Take(BatchesPerEpoch);
}
