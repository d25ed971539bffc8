using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Tests.Data;

/// <summary>A fresh folder under the system temp folder, deleted on dispose; fixtures are written here, never committed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qd-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open on some platform must not fail the test.
        }
    }
}
