using System;

namespace QuickDrawDsl.Examples.Tests.Infrastructure;

/// <summary>
/// One <see cref="Infrastructure.Workspace"/> shared by every test class that takes this fixture while any of them is
/// running, so that classes running in parallel (a collection fixture would serialise them) share its trainings and
/// exports; the last class to finish removes it. The cases only read it or write into folders of their own.
/// </summary>
/// <remarks>Removal happens here rather than at process exit: the test host is stopped before exit handlers finish.</remarks>
public sealed class WorkspaceFixture : IDisposable
{
    private static readonly object Gate = new();
    private static Workspace? shared;
    private static int users;
    private bool disposed;

    public WorkspaceFixture()
    {
        lock (Gate)
        {
            shared ??= new Workspace();
            users++;
            Workspace = shared;
        }
    }

    public Workspace Workspace { get; }

    public void Dispose()
    {
        lock (Gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            if (--users == 0)
            {
                shared!.Dispose();
                shared = null;
            }
        }
    }
}
