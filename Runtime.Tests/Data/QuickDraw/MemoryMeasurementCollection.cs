namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

/// <summary>
/// Tests that measure the process's managed memory run alone: other test classes allocating in parallel would show
/// up in <see cref="System.GC.GetTotalMemory(bool)"/>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Managed memory measurements";
}
