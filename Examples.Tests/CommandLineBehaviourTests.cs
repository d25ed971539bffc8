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
        run.Stdout.ShouldContain("test_accuracy ");
        run.Stdout.ShouldContain("SketchClassifier: 24 test drawings", Case.Sensitive, "the 8 after each class's first 16");
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
    public void ARunOfTheEarlierTrainStartsOverWithForceAndKeepsWhatItDoesNotOwn()
    {
        // legacy-run holds the earlier train's run.json and no train-settings.json: --resume is refused (the error
        // table), --force starts a run of this train in the folder, and the earlier run.json stays where it was.
        string folder = W.P("legacy-force");
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(W.P("legacy-run")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        string earlier = File.ReadAllText(Path.Combine(folder, "run.json"));
        ProgramRun run = W.Run("quickdraw", "train", "--data", "data", "--categories", "apple,banana,eye", "--epochs", "1", "--train-per-class", "16", "--test-per-class", "8", "--output", "legacy-force", "--force");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("SketchClassifier: trained 1 epochs on 42 drawings", Case.Sensitive, "3 × (16 − ⌈0.1 × 16⌉)");
        File.Exists(Path.Combine(folder, "train-settings.json")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(folder, "run.json")).ShouldBe(earlier);
        W.Run("quickdraw", "evaluate", "--output", "legacy-force").Stdout.ShouldContain("SketchClassifier: 24 test drawings");
    }

    [Fact]
    public void ANewRunValidatesOnTheEndOfItsTrainingBlock()
    {
        ProgramRun run = W.Run("quickdraw", "train", "--data", "data", "--categories", "apple,banana", "--epochs", "1", "--train-per-class", "5", "--test-per-class", "4", "--output", "r-validation");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("SketchClassifier: trained 1 epochs on 8 drawings", Case.Sensitive, "per class 4 train and 1 validation, the last of the first 5");
        run.Stdout.ShouldContain("best epoch 1 of 1 by val_loss: validation top-1 accuracy");
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(W.P("r-validation/train-settings.json")));
        settings.RootElement.GetProperty("settings").GetProperty("--validation-fraction").GetString().ShouldBe("0.1");
        W.Run("quickdraw", "evaluate", "--output", "r-validation").Stdout.ShouldContain("SketchClassifier: 8 test drawings", Case.Sensitive, "the next 4 of each class");
    }
}
