using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>A run's data: the loaders, the settings (offset scale filled in), the read report and the drawings per category in each split.</summary>
internal sealed record RunLoaders(IBatchLoader Train, IBatchLoader Test, RunSettings Settings, DataReadReport Report, long[] TrainCounts, long[] TestCounts);
