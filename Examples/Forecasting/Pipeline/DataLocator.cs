using System;
using System.Collections.Generic;
using System.IO;

namespace QuickDrawDsl.Examples.Forecasting.Pipeline;

/// <summary>
/// Finds the CTA ridership CSV: <c>--data</c> (the file or its folder), else <c>$CTA_RIDERSHIP_DATA</c>,
/// <c>./data/ridership</c>, then the shared sample data beside the repository.
/// </summary>
internal static class DataLocator
{
    public const string EnvironmentVariable = "CTA_RIDERSHIP_DATA";

    public const string FileName = "CTA_-_Ridership_-_Daily_Boarding_Totals.csv";

    private const string Source = "https://data.cityofchicago.org/api/views/6iiy-9s97/rows.csv?accessType=DOWNLOAD";

    public static string Find(string? path)
    {
        if (path is not null)
        {
            return Resolve(path) ?? throw new UserError(
                $"No ridership data at '{path}': expected {FileName} (or a folder holding it). Download it (Chicago Data Portal, CTA - Ridership - Daily Boarding Totals) from {Source} and pass --data <file or folder>.");
        }

        foreach (string candidate in Candidates())
        {
            if (Resolve(candidate) is string found)
            {
                return Path.GetFullPath(found);
            }
        }

        throw new UserError(
            $"No ridership data found (looked in ${EnvironmentVariable}, ./data/ridership, ../shared/data/ridership for {FileName}). Download it (Chicago Data Portal, CTA - Ridership - Daily Boarding Totals) from {Source} and pass --data <file or folder>.");
    }

    private static string? Resolve(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        string inFolder = Path.Combine(path, FileName);
        return File.Exists(inFolder) ? inFolder : null;
    }

    private static IEnumerable<string> Candidates()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            yield return env;
        }

        yield return Path.Combine("data", "ridership");
        foreach (string shared in SampleData.SharedCandidates("ridership"))
        {
            yield return shared;
        }
    }
}
