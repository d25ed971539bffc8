using System;
using System.Collections.Generic;
using System.IO;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// Finds the drawings when no file is given: <c>$SKETCHGEN_DATA</c>, then <c>./data/quickdraw/monkey.ndjson</c>, then
/// the shared sample data beside the repository (<c>shared/data/quickdraw/simplified_1000/monkey.ndjson</c>).
/// </summary>
internal static class DataLocator
{
    /// <summary>The environment variable that names the ndjson file.</summary>
    public const string EnvironmentVariable = "SKETCHGEN_DATA";

    /// <summary>The default data set's file name.</summary>
    public const string DefaultFile = "monkey.ndjson";

    /// <summary>The file to read: <paramref name="path"/> when given, else the first default that exists.</summary>
    /// <param name="path">The user's <c>--data</c>, or null.</param>
    /// <returns>A path to an existing file.</returns>
    /// <exception cref="UserError">Nothing was found.</exception>
    public static string Find(string? path)
    {
        if (path is not null)
        {
            return File.Exists(path) ? path : throw new UserError(MissingMessage(path));
        }

        foreach (string candidate in Candidates())
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new UserError(
            $"No drawings found (looked at ${EnvironmentVariable}, ./data/quickdraw/{DefaultFile}, ../shared/data/quickdraw/simplified_1000/{DefaultFile}). " +
            "Get some with: dotnet run -c Release --project Examples/QuickDraw -- download --categories monkey --per-class 1000 --output data/quickdraw");
    }

    /// <summary>The one-line message for a drawings file that does not exist.</summary>
    /// <param name="path">The missing file.</param>
    /// <returns>What is wrong and how to fix it.</returns>
    public static string MissingMessage(string path) =>
        $"No drawings file '{path}'. Point --data at a QuickDraw simplified .ndjson file of one class (e.g. ../shared/data/quickdraw/simplified_1000/{DefaultFile}), " +
        "or fetch one: dotnet run -c Release --project Examples/QuickDraw -- download --categories monkey --per-class 1000 --output data/quickdraw";

    private static IEnumerable<string> Candidates()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            yield return env;
        }

        yield return Path.Combine("data", "quickdraw", DefaultFile);
        foreach (string shared in SampleData.SharedCandidates("quickdraw", "simplified_1000", DefaultFile))
        {
            yield return shared;
        }
    }
}
