using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// Raw drawings (canvas coordinates with times, as a drawing app records them) classified by <c>quickdraw predict</c>
/// with a model trained on Google's simplified drawings get the same top-1 as their simplified originals, because the
/// flagship's preprocessing first applies Google's simplification to them (before it did, the issue measured 56 %
/// against 97 %).
/// </summary>
/// <remarks>In the serial collection: the seeded training below draws from torch's process-wide generator, and a test
/// running beside it made the trained model, and so the agreement, vary from run to run (0.947 once against 0.95).</remarks>
[Collection(SerialTorchCollection.Name)]
public sealed class RawAgreementTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-raw-agreement-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void RawVersionsOfTestDrawingsGetTheSameTop1AsTheSimplifiedOriginals()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        IReadOnlyList<string> categories = DataLocator.Categories(data, DataFormat.Strokes, null);
        string run = Path.Combine(folder, "run");
        string[] common = ["--output", run, "--threads", "1"];
        // 15 epochs with the spec's seed (42), one libtorch thread: 84.2 % test accuracy and 352 of the 360 raw drawings
        // (97.8 %) agreeing, measured; 10 epochs agreed on 95.3 % to 96.1 % over seeds 1, 7 and 42, too close to the bar.
        (int code, string output) = QuickDrawProgram.Run(["train", "--data", data, "--epochs", "15", .. common]);
        code.ShouldBe(0, output);
        (code, output) = QuickDrawProgram.Run(["evaluate", .. common]);
        code.ShouldBe(0, output);
        double accuracy = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(run, RunFiles.Evaluation)))!["test_accuracy"];
        accuracy.ShouldBeGreaterThan(0.6, "the model must have learnt the classes for agreement to mean anything");
        (code, output) = QuickDrawProgram.Run(["export", .. common]);
        code.ShouldBe(0, output);

        // Each of the 120 test drawings (the last 20 of each file's first 100), and three raw versions of it: random
        // canvas size and offset, densified with sub-pixel jitter, timestamps.
        LabeledItems<Drawing> test = QuickDrawDatasets.LoadDrawings(data, categories, new PositionalSplitPolicy(80, 0, 20)).Test;
        var simplified = new List<Drawing>();
        var raw = new List<Drawing>();
        for (int i = 0; i < test.Items.Count; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                Drawing r = RawDrawingMaker.FromSimplified(test.Items[i], new Random((i * 3) + k));
                QuickDrawSimplification.IsSimplified(r.Strokes).ShouldBeFalse();
                simplified.Add(test.Items[i]);
                raw.Add(r);
            }
        }

        string[] expected = Top1(run, simplified);
        string[] actual = Top1(run, raw);
        expected.Length.ShouldBe(360);
        actual.Length.ShouldBe(360);
        double agreement = expected.Zip(actual).Count(p => p.First == p.Second) / (double)expected.Length;
        agreement.ShouldBeGreaterThanOrEqualTo(0.95, $"{expected.Length} raw drawings");
    }

    // predict's top-1 for each drawing, written as the ndjson lines a user pipes in.
    private static string[] Top1(string run, List<Drawing> drawings)
    {
        var ndjson = new StringBuilder();
        foreach (Drawing drawing in drawings)
        {
            object[][] strokes = [.. drawing.Strokes.Select(s => s.T is null ? new object[] { s.X, s.Y } : [s.X, s.Y, s.T])];
            ndjson.Append(JsonSerializer.Serialize(new Dictionary<string, object> { ["word"] = drawing.Word, ["drawing"] = strokes })).Append('\n');
        }

        using var input = new MemoryStream(Encoding.UTF8.GetBytes(ndjson.ToString()));
        IReadOnlyList<DrawingPrediction> predictions = PredictCommand.Execute(run, input, "drawings.ndjson");
        predictions.ShouldAllBe(p => p.Top.Count > 0, "every line is a drawing");
        return [.. predictions.Select(p => p.Top[0].Label)];
    }
}
