using System.Collections.Generic;
using System.CommandLine;
using QuickDrawDsl.CommandLine;

namespace QuickDrawDsl.Runtime.Tests.Experiments;

/// <summary>
/// <see cref="CommandLineProgram.RunStep"/>: an <c>all</c> built from the program's own commands runs them as a user
/// would, ends with a failing step's own one line, and runs nothing after it.
/// </summary>
public sealed class RunStepTests
{
    [Fact]
    public void StepsRunInOrderAndEachIsAnnounced()
    {
        var ran = new List<string>();
        CommandResult result = CommandRun.Capture(() => CommandLineProgram.Run(Root(ran, ["ok", "--times", "2"], ["ok"]), ["all"], "app"));

        result.Code.ShouldBe(ExitCodes.Success, result.Error);
        ran.ShouldBe(["ok 2", "ok 1"]);
        result.OutLines.ShouldBe(["app ok --times 2", "ok 2", "app ok", "ok 1"]);
        result.Error.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("throws", "app: the step's own message")]
    [InlineData("returns3", "app: app returns3 ended with exit code 3; the steps after it were not run")]
    [InlineData("ok --nope", "app: '--nope' is not an option of 'app ok'")]
    public void AFailingStepIsTheRunsOneLineAndTheStepsAfterItDoNotRun(string failing, string line)
    {
        var ran = new List<string>();
        CommandResult result = CommandRun.Capture(() => CommandLineProgram.Run(Root(ran, ["ok"], failing.Split(' '), ["ok", "--times", "5"]), ["all"], "app"));

        result.Code.ShouldBe(ExitCodes.UserError);
        result.ErrorLines.ShouldHaveSingleItem().ShouldStartWith(line);
        ran.ShouldBe(["ok 1"], "the first step ran, nothing after the failing one");
    }

    // A program with 'ok [--times n]', 'throws', 'returns3', and 'all' running the given steps through RunStep.
    private static RootCommand Root(List<string> ran, params string[][] steps)
    {
        var root = new RootCommand("app");
        var times = new Option<int>("--times") { DefaultValueFactory = _ => 1 };
        var ok = new Command("ok") { times };
        ok.SetAction(parse =>
        {
            ran.Add($"ok {parse.GetValue(times)}");
            System.Console.WriteLine($"ok {parse.GetValue(times)}");
            return 0;
        });
        var throws = new Command("throws");
        throws.SetAction(int (_) => throw new UserError("the step's own message"));
        var returns3 = new Command("returns3");
        returns3.SetAction(_ => 3);
        var all = new Command("all");
        all.SetAction(_ =>
        {
            foreach (string[] step in steps)
            {
                CommandLineProgram.RunStep(root, "app", step);
            }

            return 0;
        });
        root.Subcommands.Add(ok);
        root.Subcommands.Add(throws);
        root.Subcommands.Add(returns3);
        root.Subcommands.Add(all);
        return root;
    }
}
