namespace QuickDrawDsl.Generator.Tests.Packaging;

/// <summary>The packaging test classes share one <see cref="PackagesFixture"/>: packing is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagesFixture>
{
    public const string Name = "Packages";
}
