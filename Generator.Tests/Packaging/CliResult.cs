namespace QuickDrawDsl.Generator.Tests.Packaging;

/// <summary>
/// What a <c>dotnet</c> command did: its exit code, its stdout and stderr interleaved as they came
/// (<paramref name="Output"/>), and its stderr alone (<paramref name="StandardError"/>).
/// </summary>
public sealed record CliResult(string Command, int ExitCode, string Output, string StandardError = "")
{
    /// <summary>The command line and its output, for assertion messages.</summary>
    public override string ToString() => $"$ {Command}\nexit code {ExitCode}\n{Output}";
}
