using QuickDrawDsl.Examples.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests;

/// <summary>Part 3 of <see cref="CommandLineErrorTests"/>'s table: every third case, from index 2.</summary>
public sealed class CommandLineErrorTestsPart3(WorkspaceFixture fixture) : IClassFixture<WorkspaceFixture>
{
    public static TheoryData<string, string[], int, string[]> Cases() => CommandLineErrorTests.Part(2);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AMistakeIsOneLineOnStderrWithItsExitCode(string program, string[] args, int exitCode, string[] words) =>
        CommandLineErrorTests.Check(fixture.Workspace, program, args, exitCode, words);
}
