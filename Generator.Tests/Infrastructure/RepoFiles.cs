using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>Files of this repository (the example specs), found from the test source's location.</summary>
internal static class RepoFiles
{
    public static string Root([CallerFilePath] string callerFile = "")
    {
        for (DirectoryInfo? dir = new FileInfo(callerFile).Directory; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuickDrawDsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root from " + callerFile);
    }

    public static string ArchetypeSpec(string model) => File.ReadAllText(Path.Combine(Root(), "Examples", "Archetypes", "Models", model + ".model.yaml"));
}
