namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>
/// Tests that depend on torch's process-wide generator (bit-identical resume) run alone, after the parallel tests,
/// so no other test draws from that generator in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchCollection
{
    public const string Name = "Serial torch";
}
