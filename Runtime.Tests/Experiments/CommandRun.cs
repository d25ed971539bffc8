using System;
using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.CommandLine.Experiments;

namespace QuickDrawDsl.Runtime.Tests.Experiments;

/// <summary>Runs the generated command line's library in process and captures its exit code, stdout and stderr.</summary>
internal static class CommandRun
{
    public static CommandResult Run(IReadOnlyList<ExperimentModel> models, params string[] args) =>
        Capture(() => ExperimentCommands.Run("experiment", args, models));

    public static CommandResult Capture(Func<int> run)
    {
        TextWriter stdout = Console.Out;
        TextWriter stderr = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = run();
            return new CommandResult(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}

/// <summary>What a command printed and returned.</summary>
internal sealed record CommandResult(int Code, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
