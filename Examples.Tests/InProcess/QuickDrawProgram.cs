using System;
using System.IO;
using QuickDrawDsl.Examples.QuickDraw;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// The QuickDraw example's generated program (<c>QuickDrawDslProgram.Main</c>: the generated <c>train</c>,
/// <c>evaluate</c>, <c>export</c> with the example's hooks, and its own <c>predict</c>, <c>all</c>, ...) run in this
/// process, as <c>quickdraw</c> runs them.
/// </summary>
/// <remarks>Standard output and error are the process's own: callers belong to <see cref="Runtime.Tests.Training.SerialTorchCollection"/>, which runs alone.</remarks>
internal static class QuickDrawProgram
{
    /// <summary>Runs one command line.</summary>
    /// <param name="args">The command line, without the program's name.</param>
    /// <returns>The exit code, and standard output and error as one text.</returns>
    public static (int Code, string Output) Run(params string[] args)
    {
        TextWriter stdout = Console.Out, stderr = Console.Error;
        using var output = new StringWriter();
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            int code = QuickDrawDslProgram.Main(args);
            return (code, output.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
