using App;
using QuickDrawDsl.Testing;
using Xunit;

namespace App.Tests;

/// <summary>
/// Snapshots of the model's generated source, ParameterCount, layer table, Summary() and exported ONNX graph, approved
/// in ModelSnapshotTests.Tiny#*.verified.* beside this file. After an intended change to the spec (or a toolkit
/// upgrade) review the diff, then accept it: QD_UPDATE_SNAPSHOTS=1 dotnet test (or dotnet test -p:QdUpdateSnapshots=true)
/// and commit the .verified. files. See docs/testing.md.
/// </summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void Tiny()
    {
        using var model = new App.Tiny();
        ModelSnapshot.Verify(model);
    }
}
