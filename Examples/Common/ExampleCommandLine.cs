using System.CommandLine;
using QuickDrawDsl.CommandLine;

namespace QuickDrawDsl.Examples.Common;

/// <summary>The entry point every example program shares: the conventions of <see cref="CommandLineProgram"/>.</summary>
public static class ExampleCommandLine
{
    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command (see <see cref="CommandLineProgram.Run"/>).</summary>
    /// <param name="root">The program's commands.</param>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static int Invoke(RootCommand root, string[] args) => CommandLineProgram.Run(root, args);
}
