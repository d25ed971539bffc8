using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Tests.Infrastructure;

/// <summary>
/// Locates the real data sets in <c>../shared/data</c> beside the clone (or <c>QD_SHARED_DATA</c>) for the tests that
/// need more than the built-in fixtures (<see cref="Fixtures"/>). The data is never copied into the repository.
/// </summary>
/// <remarks>
/// Absent data is a skip, with <see cref="SkipReason"/>, only on a developer's machine that has none. Under
/// <c>CI=true</c>, or when <c>QD_SHARED_DATA</c> names a folder that does not exist, the tests run and fail with
/// <see cref="FailureReason"/>: a CI job or a mistyped path must never pass by running less.
/// <c>QD_SHARED_DATA=none</c> says "no shared data here, on purpose" (the fixture-only run).
/// </remarks>
internal static class SharedData
{
    private static readonly Lazy<Location> Located = new(() => Locate(
        Environment.GetEnvironmentVariable("QD_SHARED_DATA"),
        Environment.GetEnvironmentVariable("CI"),
        AppContext.BaseDirectory));

    /// <summary>The data folder, or null when it is not on this machine.</summary>
    public static string? Root => Located.Value.Root;

    /// <summary>Why real-data tests must fail rather than skip here, or null when a skip is honest.</summary>
    public static string? FailureReason => Located.Value.FailureReason;

    /// <summary>The skip reason where the data is absent and skipping is allowed (the summary line groups skips by it).</summary>
    public const string SkipReason =
        "shared data absent (../shared/data or QD_SHARED_DATA): the tests that need more than the built-in fixtures did not run";

    /// <summary>Full path of a file or folder under the data root; throws, with the one-line reason, when the root is absent.</summary>
    public static string PathOf(params string[] parts)
    {
        string root = Root ?? throw new InvalidOperationException(FailureReason ?? SkipReason);
        return Path.Combine([root, .. parts]);
    }

    /// <summary>Where the data is and whether its absence fails; pure, so the rules are tested without touching the environment.</summary>
    internal static Location Locate(string? fromEnv, string? ci, string start)
    {
        bool inCi = string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        string? inCiReason = inCi
            ? "CI=true and the shared data is not on this machine: real-data tests must run in CI; put it at ../shared/data beside the clone or set QD_SHARED_DATA to its folder"
            : null;

        if (string.Equals(fromEnv, "none", StringComparison.Ordinal))
        {
            return new Location(null, inCiReason);
        }

        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv)
                ? new Location(fromEnv, null)
                : new Location(null, $"QD_SHARED_DATA={fromEnv} is not a folder: point it at the shared data, unset it to use ../shared/data, or set QD_SHARED_DATA=none to run on the built-in fixtures only");
        }

        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return new Location(candidate, null);
            }
        }

        return new Location(null, inCiReason);
    }

    /// <summary>The data folder (or null) and, when it is null, whether that must fail the tests that need it.</summary>
    internal sealed record Location(string? Root, string? FailureReason);
}
