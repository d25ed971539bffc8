using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using QuickDrawDsl.Examples.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests;

/// <summary>What the programs do right, as processes: predict's streaming and numbering, k for small runs, plain output when redirected, the ONNX Runtime CPU fallback.</summary>
public sealed class CommandLineBehaviourTests(WorkspaceFixture fixture) : IClassFixture<WorkspaceFixture>
{
    private Workspace W => fixture.Workspace;

    [Fact]
    public async Task PredictAnswersEachLineAsSoonAsItIsRead()
    {
        using Process process = ExamplePrograms.Start("quickdraw", ["predict", "--output", "run3"], W.Root);
        string line = File.ReadLines(W.P("data/apple.ndjson")).First();
        process.StandardInput.WriteLine(line);
        process.StandardInput.Flush();

        // The input stays open: an answer now can only come from streaming (WaitAsync throws on the timeout).
        string? first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        first.ShouldNotBeNull().ShouldStartWith("1: ");
        await process.StandardInput.WriteLineAsync(line);
        await process.StandardInput.FlushAsync();
        string? second = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        second.ShouldNotBeNull().ShouldStartWith("2: ");
        process.StandardInput.Close();
        process.WaitForExit(30_000).ShouldBeTrue();
        process.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void PredictKeysResultsByInputLineAndSaysWhichLinesItSkipped()
    {
        string[] lines = File.ReadLines(W.P("data/banana.ndjson")).Take(2).ToArray();
        string input = $"{lines[0]}\nthis is not json\n\n{lines[1]}\n";
        ProgramRun run = W.RunWithInput("quickdraw", input, "predict", "--output", "run3");
        run.ExitCode.ShouldBe(0, run.ToString());
        string[] output = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.Length.ShouldBe(3, run.ToString());
        output[0].ShouldStartWith("1: ");
        output[0].Split("  ").Length.ShouldBeGreaterThanOrEqualTo(3);
        output[1].ShouldStartWith("2: skipped: Malformed");
        output[2].ShouldStartWith("4: ");
        output[2].ShouldContain("(labelled 'banana')");
    }

    [Fact]
    public void PredictWithTwoClassesShowsTwoLabels()
    {
        string line = File.ReadLines(W.P("data/apple.ndjson")).First();
        ProgramRun run = W.RunWithInput("quickdraw", line + "\n", "predict", "--output", "run2");
        run.ExitCode.ShouldBe(0, run.ToString());
        string result = run.Stdout.Trim();
        result.ShouldStartWith("1: ");
        result.Split('%').Length.ShouldBe(3, result); // two probabilities
        result.ShouldContain("apple");
        result.ShouldContain("banana");
    }

    [Fact]
    public void PredictSaysSoForEmptyAndWrongFormatInput()
    {
        ProgramRun empty = W.RunWithInput("quickdraw", string.Empty, "predict", "--output", "run3");
        empty.ExitCode.ShouldBe(2);
        empty.ErrorLines.ShouldHaveSingleItem().ShouldContain("holds no drawing (it is empty");

        ProgramRun wrong = W.RunWithInput("quickdraw", "a,b,c\n1,2,3\n", "predict", "--output", "run3");
        wrong.ExitCode.ShouldBe(2);
        wrong.ErrorLines.ShouldHaveSingleItem().ShouldContain("none of the 2 record(s) of stdin is a QuickDraw drawing");
        wrong.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2, "one line per input line, each saying why it was skipped");
    }

    [Fact]
    public void PredictOnCudaFallsBackToTheCpuWithOneLine()
    {
        string line = File.ReadLines(W.P("data/eye.ndjson")).First();
        ProgramRun run = W.RunWithInput("quickdraw", line + "\n", "predict", "--output", "run3", "--device", "cuda");
        run.ExitCode.ShouldBe(0, run.ToString());
        string notice = run.ErrorLines.ShouldHaveSingleItem();
        notice.ShouldStartWith("ONNX Runtime: CUDA is not available (");
        notice.ShouldEndWith("; running on the CPU.");
        run.Stdout.ShouldStartWith("1: ");
    }

    [Fact]
    public void EvaluateWritesPlainTextWhenRedirected()
    {
        ProgramRun run = W.Run("quickdraw", "evaluate", "--output", "run3");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("top-1");
        run.Stdout.ShouldNotContain("\u001b[");
        run.Stdout.ShouldNotContain("[bold]");
    }

    [Fact]
    public void PredictDrawsIntoAFolderItCreates()
    {
        string line = File.ReadLines(W.P("data/apple.ndjson")).First();
        string png = W.P("new-folder/deeper/p.png");
        ProgramRun run = W.RunWithInput("quickdraw", line + "\n", "predict", "--output", "run3", "--png", png);
        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(png).Length.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void TrainWritesTheFullBadRecordReportAndPrintsItsSummary()
    {
        ProgramRun run = W.Run("quickdraw", "train", "--data", "huge-coordinates", "--max-bad-fraction", "0.1", "--epochs", "1", "--train-per-class", "20", "--test-per-class", "8", "--output", "r-report");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("data: 78 records read: 72 accepted, 6 bad (OutOfRange 6)");
        run.Stdout.ShouldContain("e.g. huge-coordinates/banana.ndjson:25: OutOfRange");
        string[] report = File.ReadAllLines(W.P("r-report/data-report.txt"));
        report.Count(l => l.Contains(": OutOfRange: ", StringComparison.Ordinal)).ShouldBe(6);
        report.ShouldContain(l => l.StartsWith("huge-coordinates/banana.ndjson:30: OutOfRange", StringComparison.Ordinal));
    }

    [Fact]
    public void ARunFromBeforeTheValidationSplitResumesValidatingOnItsTestSplit()
    {
        // run3 trained 1 epoch (16 per class, 8 test) and its run.json lost ValidationFraction, as train wrote it before.
        ProgramRun run = W.Run("quickdraw", "train", "--data", "data", "--categories", "apple,banana,eye", "--epochs", "2", "--train-per-class", "16", "--test-per-class", "8", "--output", "legacy-run", "--resume");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("--resume: legacy-run/run.json predates the validation split, so this run keeps validating on its test split");
        run.Stdout.ShouldContain("(16 train / 8 test per class; no validation split: validating on test)");
        run.Stdout.ShouldContain("(lowest test loss): test top-1 accuracy");
        File.ReadAllLines(W.P("legacy-run/metrics.csv")).Length.ShouldBe(3, "the old epoch and the resumed one");
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(W.P("legacy-run/run.json")));
        settings.RootElement.GetProperty("ValidationFraction").ValueKind.ShouldBe(JsonValueKind.Null);

        // The run trained and validated the old way (16 train, test for validation): evaluate still scores its 3 × 8 test drawings.
        W.Run("quickdraw", "evaluate", "--output", "legacy-run").Stdout.ShouldContain("Test drawings: 24 ");
    }

    [Fact]
    public void ANewRunValidatesOnTheEndOfItsTrainingBlock()
    {
        ProgramRun run = W.Run("quickdraw", "train", "--data", "data", "--categories", "apple,banana", "--epochs", "1", "--train-per-class", "5", "--test-per-class", "4", "--output", "r-validation");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("(per class: 4 train / 1 validation, the last of the first 5; the next 4 test drawings are left for evaluate)");
        run.Stdout.ShouldContain("(lowest validation loss): validation top-1 accuracy");
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(W.P("r-validation/run.json")));
        settings.RootElement.GetProperty("ValidationFraction").GetDouble().ShouldBe(0.1);
        W.Run("quickdraw", "evaluate", "--output", "r-validation").Stdout.ShouldContain("Test drawings: 8 ");
    }
}
