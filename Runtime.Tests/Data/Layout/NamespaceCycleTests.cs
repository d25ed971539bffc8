using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;

namespace QuickDrawDsl.Runtime.Tests.Data.Layout;

/// <summary>The namespaces of <c>QuickDrawDsl.Runtime.Data</c> depend on each other one way only (issue 16).</summary>
public sealed class NamespaceCycleTests
{
    private const string Data = "QuickDrawDsl.Runtime.Data";

    [Fact]
    public void NoNamespaceOfTheDataLibraryDependsOnItselfThroughAnother()
    {
        var edges = NamespaceDependencies.Between(typeof(Batch).Assembly, Data);

        var cycles = NamespaceDependencies.Cycles(edges.Keys);

        string Explain(System.Collections.Generic.List<string> cycle) => string.Join("; ", edges
            .Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({e.Value})"));
        cycles.ShouldBeEmpty(string.Join("\n", cycles.Select(Explain)));
    }

    [Fact]
    public void TheScanSeesDependenciesInSignaturesAndInMethodBodies()
    {
        var edges = NamespaceDependencies.Between(typeof(Batch).Assembly, Data);

        // Signatures: the cache stores QuickDraw drawings, the readers report bad records.
        edges.Keys.ShouldContain(($"{Data}.Cache", $"{Data}.QuickDraw"));
        edges.Keys.ShouldContain(($"{Data}.QuickDraw", $"{Data}.Diagnostics"));
        edges.Keys.ShouldNotContain(e => e.From == $"{Data}.Diagnostics", "the diagnostics types use no other data namespace");

        // A body: ProbeUser names ProbeTarget only in a lambda (a compiler-generated closure class and its method).
        const string probes = "QuickDrawDsl.Runtime.Tests.Data.Layout.Probes";
        NamespaceDependencies.Between(typeof(NamespaceCycleTests).Assembly, probes).Keys
            .ShouldBe([($"{probes}.User", $"{probes}.Used")]);
    }

    [Fact]
    public void ACycleIsFoundWhateverItsLength()
    {
        NamespaceDependencies.Cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")])
            .ShouldHaveSingleItem().ShouldBe(["A", "B", "C"]);
        NamespaceDependencies.Cycles([("A", "B"), ("B", "C"), ("A", "C")]).ShouldBeEmpty();
    }
}
