using System.Linq;
using QuickDrawDsl.Testing.Tests.Models;

namespace QuickDrawDsl.Testing.Tests;

/// <summary>The package used as a user would: the Tiny model's snapshot files are approved beside this file.</summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void Tiny()
    {
        using var model = new Tiny();

        ModelSnapshot.Verify(model);
    }

    [Fact]
    public void RenderNamesOneFilePerPartAndLeavesOutWhatIsNotAskedFor()
    {
        using var model = new Tiny();

        ModelSnapshot.Render(model, "T.M").Select(f => f.Name + ".verified." + f.Extension)
            .ShouldBe(["T.M#Tiny.g.verified.cs", "T.M#TinyOptions.g.verified.cs", "T.M#Tiny.architecture.verified.txt", "T.M#Tiny.onnx.verified.txt"]);
        ModelSnapshot.Render(model, "T.M", new ModelSnapshotOptions { IncludeSource = false, IncludeOnnx = false }).Select(f => f.Name)
            .ShouldBe(["T.M#Tiny.architecture"]);
    }
}
