namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Where this project's approved files live: <c>_snapshots/</c> at the project root, named
/// <c>{Class}.{Method}#{Case}.verified.{ext}</c>. The approval itself is QuickDrawDsl.Testing's <c>Approvals</c>,
/// the mechanism users get; accept with <c>QD_UPDATE_SNAPSHOTS=1</c> (refused when <c>CI=true</c>).
/// </summary>
internal static class SnapshotFolder
{
    /// <summary>The folder relative to a test source file one level below the project root (Emit/, Diagnostics/).</summary>
    public const string Relative = "../_snapshots";
}
