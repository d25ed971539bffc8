using System;

namespace QuickDrawDsl.Examples.Tests.Infrastructure;

/// <summary>One <see cref="Infrastructure.Workspace"/> shared by the cases of a test class.</summary>
public sealed class WorkspaceFixture : IDisposable
{
    public Workspace Workspace { get; } = new();

    public void Dispose() => Workspace.Dispose();
}
