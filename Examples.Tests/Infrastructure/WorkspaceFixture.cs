using System;
using System.Threading;

namespace QuickDrawDsl.Examples.Tests.Infrastructure;

/// <summary>
/// The one <see cref="Infrastructure.Workspace"/> of the test run, shared by every class that takes this fixture, so
/// that its trainings and exports run once while those classes still run in parallel (a collection fixture would
/// serialise them). The cases only read it or write into folders of their own. Removed when the test host exits.
/// </summary>
public sealed class WorkspaceFixture
{
    private static readonly Lazy<Workspace> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public Workspace Workspace => Shared.Value;

    private static Workspace Create()
    {
        var workspace = new Workspace();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => workspace.Dispose();
        return workspace;
    }
}
