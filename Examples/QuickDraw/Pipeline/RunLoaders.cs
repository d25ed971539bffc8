using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// A run's data: the training loader, the loader of the split it is scored on (<see cref="EvaluateSplit"/>: validation
/// while training, test for evaluate and export), the settings (offset scale filled in), the read report and the
/// drawings per category in each split. Disposing it closes what the loaders read from (a prepared cache's mapped shards).
/// </summary>
/// <param name="Train">The training split, shuffled and augmented.</param>
/// <param name="Evaluate">The split named by <paramref name="EvaluateSplit"/>, in order, not augmented.</param>
/// <param name="EvaluateSplit">Which split <paramref name="Evaluate"/> reads.</param>
/// <param name="Settings">The run's settings, offset scale filled in for a new run.</param>
/// <param name="Report">What the readers accepted and rejected (empty for a cache: prepare reported it).</param>
/// <param name="Counts">Drawings per category in the train, validation and test splits.</param>
/// <param name="Source">What the loaders read from, closed with them; null for data held in memory.</param>
internal sealed record RunLoaders(IBatchLoader Train, IBatchLoader Evaluate, DataSplit EvaluateSplit, RunSettings Settings, DataReadReport Report, IReadOnlyDictionary<DataSplit, long[]> Counts, IDisposable? Source = null) : IDisposable
{
    public void Dispose() => Source?.Dispose();
}
