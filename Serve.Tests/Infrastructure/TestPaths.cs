using System;
using System.IO;

namespace QuickDrawDsl.Serve.Tests.Infrastructure;

/// <summary>Where the tests find the shared sample data and put their artifacts.</summary>
internal static class TestPaths
{
    /// <summary>
    /// The real simplified drawings of the built-in fixtures (<c>testdata/quickdraw/simplified_100</c>, copied beside the
    /// test assembly; sources and licences in <c>testdata/README.md</c>), so the serve tests run with or without ../shared.
    /// </summary>
    public static string SimplifiedData()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "testdata", "quickdraw", "simplified_100");
        return Directory.Exists(folder)
            ? folder
            : throw new InvalidOperationException($"The serve tests need the built-in fixture {folder}: testdata/ at the repository root is copied there by the test project.");
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
