using QuickDrawDsl.Examples.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests;

/// <summary>Part 1 of <see cref="CommandLineErrorTests"/>'s table: every third case, from index 0.</summary>
public sealed class CommandLineErrorTestsPart1(WorkspaceFixture fixture) : IClassFixture<WorkspaceFixture>
{
    public static TheoryData<string, string[], int, string[]> Cases() => CommandLineErrorTests.Part(0);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AMistakeIsOneLineOnStderrWithItsExitCode(string program, string[] args, int exitCode, string[] words) =>
        CommandLineErrorTests.Check(fixture.Workspace, program, args, exitCode, words);
}
