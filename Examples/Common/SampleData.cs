using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace QuickDrawDsl.Examples.Common;

/// <summary>Where the examples look for the project's shared sample data when the user names none.</summary>
public static class SampleData
{
    /// <summary>
    /// <c>shared/data/&lt;relative&gt;</c> beside every ancestor of the program's folder, then of the working directory,
    /// nearest first: a clone next to <c>shared/</c> finds it from <c>dotnet run</c> and from a published binary alike.
    /// </summary>
    /// <param name="relative">The path below <c>shared/data</c>, one segment per argument.</param>
    /// <returns>Candidate paths; none of them is checked to exist.</returns>
    public static IEnumerable<string> SharedCandidates(params string[] relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        string below = Path.Combine(["shared", "data", .. relative]);
        return Ancestors(AppContext.BaseDirectory).Concat(Ancestors(Directory.GetCurrentDirectory()))
            .Select(dir => Path.Combine(dir, below));
    }

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (DirectoryInfo? dir = new(folder); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }
}
