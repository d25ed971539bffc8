using System;
using Spectre.Console;

namespace QuickDrawDsl.Examples.Common;

/// <summary>The console the examples print tables to: colours and markup only on a terminal, plain text when redirected or with <c>NO_COLOR</c>.</summary>
public static class ExampleConsole
{
    /// <summary>Creates the console for standard output.</summary>
    /// <returns>A console that writes ANSI escapes only to a terminal.</returns>
    public static IAnsiConsole Create()
    {
        bool plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
    }
}
