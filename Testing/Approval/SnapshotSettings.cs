using System;

namespace QuickDrawDsl.Testing.Approval;

/// <summary>
/// Whether this run accepts received snapshots, and whether it runs on CI (where acceptance is refused), read from the
/// environment and the test assembly's runtimeconfig switch once per call so a test host can be reused.
/// </summary>
internal sealed record SnapshotSettings(bool UpdateRequested, bool OnCi, string UpdateSource)
{
    /// <summary>The environment variable that accepts received snapshots (<c>1</c> or <c>true</c>).</summary>
    public const string UpdateVariable = "QD_UPDATE_SNAPSHOTS";

    /// <summary>The AppContext switch that <c>dotnet test -p:QdUpdateSnapshots=true</c> writes into the runtimeconfig.</summary>
    public const string UpdateSwitch = "QuickDrawDsl.Testing.UpdateSnapshots";

    /// <summary>The settings of this process.</summary>
    public static SnapshotSettings Current() =>
        From(Environment.GetEnvironmentVariable, name => AppContext.GetData(name) as string);

    /// <summary>Settings from explicit lookups (tests use this instead of changing the process environment).</summary>
    public static SnapshotSettings From(Func<string, string?> environment, Func<string, string?> appContext)
    {
        bool byVariable = IsTrue(environment(UpdateVariable));
        bool bySwitch = IsTrue(appContext(UpdateSwitch));
        string source = byVariable ? UpdateVariable + "=" + environment(UpdateVariable) : bySwitch ? "-p:QdUpdateSnapshots=true" : string.Empty;
        return new SnapshotSettings(byVariable || bySwitch, IsTrue(environment("CI")), source);
    }

    private static bool IsTrue(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
}
