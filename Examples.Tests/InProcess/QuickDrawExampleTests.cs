using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;
using QuickDrawDsl.Runtime.Training.Checkpoints;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// The flagship example end to end on the real sample data, with few epochs: the generated train, evaluate and export,
/// then the example's predict in ONNX Runtime, which ranks like the trained weights in TorchSharp.
/// </summary>
/// <remarks>In the serial collection: training seeds torch's process-wide generator, and the commands write to the process's console.</remarks>
[Collection(SerialTorchCollection.Name)]
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
        IReadOnlyList<string> categories = DataLocator.Categories(data, DataFormat.Strokes, null);
        string run = Path.Combine(folder, "run");

        (int code, string output) = QuickDrawProgram.Run("train", "--data", data, "--output", run, "--epochs", "2", "--seed", "1",
            "--train-per-class", "80", "--test-per-class", "20", "--validation-fraction", "0.1", "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: trained 2 epochs on 432 drawings", Case.Sensitive, "72 per class; the next 8 per class validate");
        File.Exists(Path.Combine(run, RunFiles.Weights)).ShouldBeTrue();
        string[] csv = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        csv.Length.ShouldBe(3, "a header and one row per epoch");

        // Six classes: chance is 1/6. Two epochs with seed 1 on 432 drawings measured 0.438 validation and 0.475 test
        // accuracy; a broken model, loss, label mapping or split stays near chance and fails these. The kept epoch's score is on the 48 validation drawings, not the 120 test ones.
        Match best = Regex.Match(output, @"best epoch (\d) of 2 by val_loss: validation top-1 accuracy (\d+(\.\d+)?) ?%");
        best.Success.ShouldBeTrue(output);
        double accuracy = Column(csv, "val_accuracy")[int.Parse(best.Groups[1].Value, CultureInfo.InvariantCulture) - 1];
        accuracy.ShouldBeGreaterThan(0.3, "two epochs must beat chance (0.167) by a clear margin");
        (accuracy * 48).ShouldBe(Math.Round(accuracy * 48), 1e-9);

        (code, output) = QuickDrawProgram.Run("evaluate", "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: 120 test drawings", Case.Sensitive, "evaluate scores the test split: the last 20 of each file's 100");
        Dictionary<string, double> evaluation = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(run, RunFiles.Evaluation)))!;
        evaluation["test_accuracy"].ShouldBeGreaterThan(0.3);
        (evaluation["test_accuracy"] * 120).ShouldBe(Math.Round(evaluation["test_accuracy"] * 120), 1e-9);
        evaluation["test_topk_accuracy"].ShouldBeGreaterThanOrEqualTo(evaluation["test_accuracy"]);

        // Per class, worst first: every category is scored on its own 20 test drawings.
        Match[] perClass = [.. output.Split('\n').Select(l => l.TrimEnd('\r')).SkipWhile(l => !l.StartsWith("class ", StringComparison.Ordinal)).Skip(1)
            .Select(l => Regex.Match(l, @"^(?<label>.*\S)\s+(?<accuracy>\d+(\.\d+)? ?%)\s+(?<examples>\d+)$")).TakeWhile(m => m.Success)];
        perClass.Select(m => m.Groups["label"].Value).Order(StringComparer.Ordinal).ShouldBe(categories.Order(StringComparer.Ordinal), output);
        perClass.ShouldAllBe(m => m.Groups["examples"].Value == "20");

        (code, output) = QuickDrawProgram.Run("export", "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        Match parity = Regex.Match(output, @"ONNX Runtime matches TorchSharp on (\d+) test drawings: max \|difference\| (\S+), top-1 agrees on (\d+)/(\d+)");
        parity.Success.ShouldBeTrue(output);
        parity.Groups[1].Value.ShouldBe("120");
        double.Parse(parity.Groups[2].Value, CultureInfo.InvariantCulture).ShouldBeLessThan(1e-4);
        parity.Groups[3].Value.ShouldBe("120");

        // predict reads raw ndjson lines, as a user would pipe them in: the last line of each file is a test drawing.
        string[] lines = [.. categories.Select(c => File.ReadLines(Path.Combine(data, c + ".ndjson")).Last(l => l.Length > 0))];
        string png = Path.Combine(folder, "first.png");
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        IReadOnlyList<DrawingPrediction> predictions = PredictCommand.Execute(run, input, "test.ndjson", png);
        predictions.Count.ShouldBe(6);
        predictions.ShouldAllBe(p => p.Top.Count == 3 && p.Top[0].Probability >= p.Top[1].Probability && p.Top[1].Probability >= p.Top[2].Probability);
        predictions.Select(p => p.Word).ShouldBe(categories);
        new FileInfo(png).Length.ShouldBeGreaterThan(1000);

        // The same drawings through the trained weights in TorchSharp, with the run's preprocessing: the same ranking.
        Preprocessing preprocessing = Preprocessing.Load(Path.Combine(run, RunFiles.Preprocessing));
        using var model = new SketchClassifier(new SketchClassifierOptions { Classes = categories.Count });
        ModelWeights.Load(model, Path.Combine(run, RunFiles.Weights));
        model.eval();
        using ClassificationPredictor torchSharp = ClassificationPredictor.FromModel(model, ClassifierOutput.Logits, preprocessing.Labels);
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { OneClassPerFile = false });
        Drawing[] drawings = [.. lines.SelectMany(l => reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(l)), "test.ndjson"))];
        for (int i = 0; i < drawings.Length; i++)
        {
            float[] features = SketchFeatures.Encode(SketchFeatures.Prepare(drawings[i], label: -1), (float)preprocessing.OffsetScale);
            ClassPrediction expected = torchSharp.Predict(features, [features.Length / SketchFeatures.FeatureCount, SketchFeatures.FeatureCount]);
            predictions[i].Top.Select(t => t.Label).ShouldBe(expected.Ranked.Take(3).Select(r => r.Label));
            predictions[i].Top.Zip(expected.Ranked).ShouldAllBe(p => Math.Abs(p.First.Probability - p.Second.Probability) < 1e-4);
        }
    }

    [Fact]
    public void MissingDataTellsTheUserHowToGetIt()
    {
        var error = Should.Throw<UserError>(() => DataLocator.Find(Path.Combine(folder, "nothing-here"), DataFormat.Strokes));
        error.Message.ShouldContain("quickdraw download --categories");
    }

    private static double[] Column(string[] csv, string name)
    {
        int index = Array.IndexOf(csv[0].Split(','), name);
        index.ShouldBeGreaterThanOrEqualTo(0, csv[0]);
        return [.. csv.Skip(1).Select(l => double.Parse(l.Split(',')[index], CultureInfo.InvariantCulture))];
    }
}
