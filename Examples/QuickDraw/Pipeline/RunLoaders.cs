using System;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// A run's data: the loaders, the settings (offset scale filled in), the read report and the drawings per category in
/// each split. Disposing it closes what the loaders read from (a prepared cache's mapped shards).
/// </summary>
internal sealed record RunLoaders(IBatchLoader Train, IBatchLoader Test, RunSettings Settings, DataReadReport Report, long[] TrainCounts, long[] TestCounts, IDisposable? Source = null) : IDisposable
{
    public void Dispose() => Source?.Dispose();
}
