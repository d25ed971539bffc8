using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Tests.Infrastructure;

/// <summary>
/// Locates the real data sets in <c>../shared/data</c> beside the clone (or <c>QD_SHARED_DATA</c>).
/// The data is never copied into the repository.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> RootPath = new(Find);

    /// <summary>The data folder, or null when it is not on this machine.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>Why real-data tests are skipped when <see cref="Root"/> is null.</summary>
    public static string MissingReason =>
        "real data not found: expected ../shared/data beside the repository (or set QD_SHARED_DATA to its path)";

    /// <summary>Full path of a file or folder under the data root; throws when the root is absent.</summary>
    public static string PathOf(params string[] parts)
    {
        string root = Root ?? throw new InvalidOperationException(MissingReason);
        return Path.Combine([root, .. parts]);
    }

    private static string? Find()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("QD_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv) ? fromEnv : null;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        return null;
    }
}
