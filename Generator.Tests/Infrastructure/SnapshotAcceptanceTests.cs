namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>
/// <c>QD_UPDATE_SNAPSHOTS=1</c> rewrites snapshots locally but is refused under CI, where it would make every snapshot
/// test pass whatever the generator emits. Tested through the pure decision, since the variables are process-wide.
/// </summary>
public sealed class SnapshotAcceptanceTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public void AcceptingUnderCiFailsAndNamesTheReason(string ci)
    {
        var error = Should.Throw<Xunit.Sdk.XunitException>(() => Snapshot.AcceptRequested("1", ci, "Emit.X#Net.verified.cs"));
        error.Message.ShouldBe($"QD_UPDATE_SNAPSHOTS=1 is refused when CI={ci}: snapshots are accepted locally and committed, never rewritten by CI (Emit.X#Net.verified.cs).");
    }

    [Theory]
    [InlineData("1", null, true)]
    [InlineData("1", "false", true)]
    [InlineData("1", "", true)]
    [InlineData(null, "true", false)]
    [InlineData("0", null, false)]
    [InlineData("true", null, false)]
    public void AcceptanceNeedsTheUpdateFlagOutsideCi(string? update, string? ci, bool accepted) =>
        Snapshot.AcceptRequested(update, ci, "S.verified.cs").ShouldBe(accepted);
}
