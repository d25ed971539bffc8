using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Tests.Infrastructure;

/// <summary>
/// The built-in real-data fixtures in <c>testdata/</c> at the repository root (copied beside the test assembly):
/// byte-identical copies of the shared QuickDraw <c>simplified_100</c> drawings and the CTA ridership CSV, under 1 MB,
/// sources and licences in <c>testdata/README.md</c>. Tests that need only these run everywhere, shared data or not.
/// </summary>
internal static class Fixtures
{
    /// <summary>Full path of a fixture file or folder; throws with the one-line reason when the build did not copy it.</summary>
    public static string PathOf(params string[] parts)
    {
        string path = Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"built-in fixture {Path.Combine(parts)} is not beside the test assembly: testdata/ at the repository root is copied there by the test project");
    }
}
