using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// Finds the data when no path is given: <c>$QUICKDRAW_DATA</c>, then <c>./data/quickdraw</c>, then the shared
/// sample data beside the repository; otherwise explains how to get some.
/// </summary>
internal static class DataLocator
{
    public const string EnvironmentVariable = "QUICKDRAW_DATA";

    public static string Find(string? path, DataFormat format)
    {
        string sub = format == DataFormat.Strokes ? "simplified_100" : "numpy_bitmap";
        string ext = Extension(format);
        if (path is not null)
        {
            if (!Directory.Exists(path) || Directory.GetFiles(path, "*" + ext).Length == 0)
            {
                throw new UserError($"No {ext} files in '{path}'. Point --data at a folder of <category>{ext} files, or fetch some: quickdraw download --categories apple,banana --output {path}");
            }

            return path;
        }

        foreach (string candidate in Candidates(sub))
        {
            if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*" + ext).Length > 0)
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new UserError(
            $"No QuickDraw {format.ToString().ToLowerInvariant()} data found (looked in ${EnvironmentVariable}, ./data/quickdraw, ../shared/data/quickdraw/{sub}). " +
            $"Get some with: quickdraw download --categories apple,banana,\"coffee cup\" --per-class 1000 --output data/quickdraw  (then train --data data/quickdraw)");
    }

    public static string Extension(DataFormat format) => format == DataFormat.Strokes ? ".ndjson" : ".npy";

    /// <summary>The categories in a folder (its files' names), sorted, or the requested ones after checking they exist.</summary>
    public static IReadOnlyList<string> Categories(string folder, DataFormat format, string? requested)
    {
        string ext = Extension(format);
        string[] available = Directory.GetFiles(folder, "*" + ext).Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray();
        if (string.IsNullOrWhiteSpace(requested))
        {
            return available;
        }

        string[] wanted = requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] missing = wanted.Where(w => !available.Contains(w, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
        {
            throw new UserError($"No data for {string.Join(", ", missing.Select(m => "'" + m + "'"))} in {folder} (has: {string.Join(", ", available)}).");
        }

        return wanted;
    }

    private static IEnumerable<string> Candidates(string sub)
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            yield return env;
            yield return Path.Combine(env, sub);
        }

        yield return Path.Combine("data", "quickdraw");
        yield return Path.Combine("data", "quickdraw", sub);
        foreach (string shared in SampleData.SharedCandidates("quickdraw", sub))
        {
            yield return shared;
        }
    }
}
