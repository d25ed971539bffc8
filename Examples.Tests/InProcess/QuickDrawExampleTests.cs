using System;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>The flagship example end to end on the real sample data, with few epochs: train, evaluate, export, predict.</summary>
public sealed class QuickDrawExampleTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-example-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void StrokeRunTrainsExportsAndPredictsTheSameTop1AsTorchSharp()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        var run = new RunFolder(folder);
        var settings = new RunSettings(DataFormat.Strokes, data, DataLocator.Categories(data, DataFormat.Strokes, null), 80, 20, Seed: 1, ValidationFraction: 0.1);

        double accuracy = TrainCommand.Execute(run, settings, epochs: 2, batchSize: 32, DeviceChoice.Cpu, resume: false, TextWriter.Null, ProgressMode.Plain);
        // Six classes: chance is 1/6. Two seeded epochs on 432 drawings (72 per class; the next 8 per class validate)
        // measured 0.417 validation and 0.475 test accuracy; a broken model, loss, label mapping or split stays near
        // chance and fails these.
        accuracy.ShouldBeGreaterThan(0.3, "two epochs must beat chance (0.167) by a clear margin");
        // It is a score on the 48 validation drawings (8 per class), not on the 120 test drawings.
        (accuracy * 48).ShouldBe(Math.Round(accuracy * 48), 1e-9);
        File.Exists(run.Weights).ShouldBeTrue();
        string[] csv = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
        csv.Length.ShouldBe(3, "a header and one row per epoch");

        Evaluation evaluation = EvaluateCommand.Execute(run);
        evaluation.Confusion.Total.ShouldBe(120, "evaluate scores the test split: the last 20 of each file's 100");
        Enumerable.Range(0, 6).Sum(c => Enumerable.Range(0, 6).Sum(p => evaluation.Confusion[c, p])).ShouldBe(120);
        Enumerable.Range(0, 6).ShouldAllBe(c => Enumerable.Range(0, 6).Sum(p => evaluation.Confusion[c, p]) == 20);
        evaluation.Confusion.Accuracy.ShouldBeGreaterThan(0.3);
        evaluation.Top3.ShouldBeGreaterThanOrEqualTo(evaluation.Confusion.Accuracy);

        ExportParity parity = ExportCommand.Execute(run);
        parity.Drawings.ShouldBe(120);
        parity.SameTop1.ShouldBe(120);
        parity.MaxAbsDiff.ShouldBeLessThan(1e-4);

        // predict reads raw ndjson lines, as a user would pipe them in: the last line of each file is a test drawing.
        string[] lines = settings.Categories.Select(c => File.ReadLines(Path.Combine(data, c + ".ndjson")).Last(l => l.Length > 0)).ToArray();
        string png = Path.Combine(folder, "first.png");
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        var predictions = PredictCommand.Execute(run, input, "test.ndjson", png);
        predictions.Count.ShouldBe(6);
        predictions.ShouldAllBe(p => p.Top.Count == 3 && p.Top[0].Probability >= p.Top[1].Probability);
        predictions.Select(p => p.Word).ShouldBe(settings.Categories);
        new FileInfo(png).Length.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void MissingDataTellsTheUserHowToGetIt()
    {
        var error = Should.Throw<UserError>(() => DataLocator.Find(Path.Combine(folder, "nothing-here"), DataFormat.Strokes));
        error.Message.ShouldContain("quickdraw download --categories");
    }
}
