using System;
using System.IO;
using System.Linq;

namespace QuickDrawDsl.Serve.Tests.Infrastructure;

/// <summary>Where the tests find the shared sample data and put their artifacts.</summary>
internal static class TestPaths
{
    /// <summary>The shared simplified drawings (<c>../shared/data/quickdraw/simplified_100</c> beside the clone).</summary>
    public static string SimplifiedData()
    {
        string? env = Environment.GetEnvironmentVariable("QD_SHARED_DATA");
        string? found = !string.IsNullOrEmpty(env)
            ? Path.Combine(env, "quickdraw", "simplified_100")
            : SampleData.SharedCandidates("quickdraw", "simplified_100").FirstOrDefault(Directory.Exists);
        return found is not null && Directory.Exists(found)
            ? found
            : throw new InvalidOperationException("The serve tests need the shared sample drawings: expected ../shared/data/quickdraw/simplified_100 beside the repository (or QD_SHARED_DATA).");
    }

    /// <summary><c>artifacts/test-results/serve</c> in the repository (created), where screenshots go.</summary>
    public static string Artifacts()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QuickDrawDsl.sln")))
        {
            dir = dir.Parent;
        }

        string folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "test-results", "serve");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
