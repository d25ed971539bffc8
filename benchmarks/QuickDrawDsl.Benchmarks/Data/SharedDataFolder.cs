using System;
using System.IO;

namespace QuickDrawDsl.Benchmarks.Data;

/// <summary>Finds ../shared/data beside the repository (or QD_SHARED_DATA).</summary>
internal static class SharedDataFolder
{
    public static string Shared()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("QD_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        string candidate = Path.Combine(QuickDrawDsl.Benchmarks.Generator.GeneratorBenchmarks.RepoRoot(), "..", "shared", "data");
        return Directory.Exists(candidate)
            ? Path.GetFullPath(candidate)
            : throw new DirectoryNotFoundException("The ingest benchmark reads ../shared/data (or set QD_SHARED_DATA).");
    }
}
