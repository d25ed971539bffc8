namespace QuickDrawDsl.Serve.Tests.Infrastructure;

/// <summary>The tests that share one served run; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServedRun>
{
    public const string Name = "served run";
}
