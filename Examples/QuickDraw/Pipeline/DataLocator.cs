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
            if (File.Exists(path))
            {
                throw new UserError($"--data {path} is a file; point --data at the folder that holds one <category>{ext} file per category");
            }

            if (!Directory.Exists(path) || Directory.GetFiles(path, "*" + ext).Length == 0)
            {
                throw new UserError($"--data: no {ext} files in '{path}'. Point --data at a folder of <category>{ext} files, or fetch some: quickdraw download --categories apple,banana --output {path}");
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

    /// <summary>
    /// The categories in a folder (its files' names), sorted, or the requested ones after checking they exist; each
    /// file must be readable (a broken link or an unreadable file is named here, before anything is read), and a
    /// classifier needs at least two.
    /// </summary>
    public static IReadOnlyList<string> Categories(string folder, DataFormat format, string? requested)
    {
        string ext = Extension(format);
        string[] available = Directory.GetFiles(folder, "*" + ext).Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray();
        string[] wanted = available;
        if (requested is not null)
        {
            wanted = OptionRules.SplitList(requested);
            if (wanted.Length == 0 || wanted.Any(w => w.Length == 0))
            {
                throw new UserError($"--categories '{requested}' must be a comma-separated list of names, e.g. --categories apple,banana");
            }

            string[] missing = wanted.Where(w => !available.Contains(w, StringComparer.Ordinal)).ToArray();
            if (missing.Length > 0)
            {
                throw new UserError($"--categories: no data for {string.Join(", ", missing.Select(m => "'" + m + "'"))} in {folder} (it has: {string.Join(", ", available)})");
            }

            string? twice = wanted.GroupBy(w => w, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (twice is not null)
            {
                throw new UserError($"--categories names '{twice}' twice; name each category once");
            }
        }

        if (wanted.Length < 2)
        {
            throw new UserError($"{(requested is null ? $"--data {folder} holds" : "--categories names")} {wanted.Length} categor{(wanted.Length == 1 ? "y" : "ies")}; a classifier needs at least 2 (one {ext} file per category)");
        }

        foreach (string category in wanted)
        {
            string file = Path.Combine(folder, category + ext);
            var info = new FileInfo(file);
            if (info.LinkTarget is { } target && !File.Exists(Path.IsPathRooted(target) ? target : Path.Combine(folder, target)))
            {
                throw new UserError($"--data: {file} is a broken symbolic link (to '{info.LinkTarget}'); fix or remove it, or leave '{category}' out with --categories");
            }

            try
            {
                using FileStream probe = File.OpenRead(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"--data: {file} cannot be read ({(ex is UnauthorizedAccessException ? "permission denied" : OneLine.Of(ex.Message).TrimEnd('.'))}); fix its permissions, or leave '{category}' out with --categories", ex);
            }
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
