using System.Globalization;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>What <c>quickdraw stream</c> measured.</summary>
/// <param name="TrainDrawings">Drawings in the cache's training split.</param>
/// <param name="Drawings">Drawings streamed.</param>
/// <param name="Batches">Batches streamed.</param>
/// <param name="PaddedSteps">Time steps in the padded batches (batch × longest drawing, summed).</param>
/// <param name="FirstBatchSeconds">From start (opening the cache, measuring the offset scale) to the first batch.</param>
/// <param name="RestSeconds">From the first batch to the last.</param>
/// <param name="PeakResident">Peak anonymous resident memory (RssAnon; the working set where there is none), bytes.</param>
/// <param name="PeakHeap">Peak managed heap, bytes.</param>
/// <param name="Workers">Worker threads.</param>
internal sealed record StreamResult(long TrainDrawings, long Drawings, long Batches, long PaddedSteps, double FirstBatchSeconds, double RestSeconds, long PeakResident, long PeakHeap, int Workers)
{
    /// <summary>Drawings per second after the first batch.</summary>
    public double DrawingsPerSecond => Batches > 1 && RestSeconds > 0 ? (Drawings - (Drawings / Batches)) / RestSeconds : 0;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Streamed {Drawings:N0} drawings ({Batches:N0} augmented, padded batches) of {TrainDrawings:N0} in the training split with {Workers} worker(s): {DrawingsPerSecond:N0} drawings/s; first batch after {FirstBatchSeconds:F2} s; peak {(ProcessMemory.IsAnonymous ? "RssAnon" : "working set")} {PeakResident / 1048576.0:N0} MiB, managed heap {PeakHeap / 1048576.0:N0} MiB");
}
