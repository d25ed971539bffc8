using System;
using System.Linq;

namespace QuickDrawDsl.Examples.Tests.Infrastructure;

/// <summary>What a program did: its exit code and output.</summary>
public sealed record ProgramRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stderr\n{Stderr}\n--- stdout\n{(Stdout.Length > 2000 ? Stdout[..2000] + "..." : Stdout)}";
}
