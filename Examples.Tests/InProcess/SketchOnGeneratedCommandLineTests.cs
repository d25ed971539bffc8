using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Examples.QuickDraw.Serve;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// SketchClassifier on the generated command line's <c>train → evaluate → export → predict</c> with this example's
/// hooks (<see cref="QuickDrawExperiment.Customize"/>) trains exactly as the example's own <c>train</c> does: the same
/// split, features, offset scale and losses, an export checked against TorchSharp, and a run folder that <c>serve</c>
/// loads and ranks drawings from as <c>predict</c> does.
/// </summary>
/// <remarks>Both runs seed torch's process-wide generator and compare losses to 1e-6, so no other test may draw from it in between.</remarks>
[Collection(SerialTorchCollection.Name)]
public sealed class SketchOnGeneratedCommandLineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qd-sketch-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheGeneratedCommandsWithTheExamplesHooksTrainAsTheExamplesTrainDoes()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        string[] categories = [.. DataLocator.Categories(data, DataFormat.Strokes, null)];
        var old = new RunFolder(Path.Combine(folder, "old"));
        var settings = new RunSettings(DataFormat.Strokes, data, categories, ExperimentRecipe.TrainPerClass(DataFormat.Strokes), ExperimentRecipe.TestPerClass(DataFormat.Strokes), Seed: 42, ValidationFraction: ExperimentRecipe.ValidationFraction(DataFormat.Strokes));
        TrainCommand.Execute(old, settings, epochs: 1, batchSize: 32, DeviceChoice.Cpu, resume: false, TextWriter.Null, ProgressMode.Plain);

        string run = Path.Combine(folder, "new");
        (int code, string output) = Run("train", "--data", data, "--output", run, "--epochs", "1", "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: trained 1 epochs on 432 drawings", Case.Sensitive, "72 of each file's first 100, as the example's train");

        // The same drawings, features, scale, initial weights and batches: the same epoch, to float rounding.
        Preprocessing preprocessing = Preprocessing.Load(Path.Combine(run, RunFiles.Preprocessing));
        preprocessing.Labels.ShouldBe(categories);
        preprocessing.OffsetScale.ShouldBe(old.Load().OffsetScale);
        Dictionary<string, double> expected = Metrics(Path.Combine(old.Path, "metrics.csv")), actual = Metrics(Path.Combine(run, "metrics.csv"));
        foreach (string key in new[] { "train_loss", "val_loss", "val_accuracy" })
        {
            actual[key].ShouldBe(expected[key], 1e-6, key);
        }

        (code, output) = Run("evaluate", "--data", data, "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("120 test drawings", Case.Sensitive, "the last 20 of each file's first 100");
        Dictionary<string, double> evaluation = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(run, RunFiles.Evaluation)))!;
        evaluation["test_accuracy"].ShouldBe(EvaluateCommand.Execute(old).Confusion.Accuracy, 1e-9);

        (code, output) = Run("export", "--output", run, "--data", data, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: ONNX Runtime matches TorchSharp on 120 test drawings: max |difference| ", Case.Sensitive, "as the example's export, over its whole test split");
        output.ShouldContain("top-1 agrees on 120/120");
        using (var onnx = new OnnxPredictor(Path.Combine(run, RunFiles.Onnx)))
        {
            onnx.Labels.ShouldBe(categories);
            SketchPreprocessing stored = JsonSerializer.Deserialize(onnx.Metadata["qd.preprocessing"], QuickDrawJsonContext.Default.SketchPreprocessing)!;
            stored.Incompatibility().ShouldBeNull("serve and the browser page apply this preprocessing");
            stored.OffsetScale.ShouldBe((float)preprocessing.OffsetScale);
        }

        // The last drawing of each file is a test drawing; predict prints one line each, labels from the run.
        string input = Path.Combine(folder, "last.ndjson");
        File.WriteAllLines(input, categories.Select(c => File.ReadLines(Path.Combine(data, c + ".ndjson")).Last(l => l.Length > 0)));
        (code, output) = Run("predict", "--output", run, "--input", input, "--top", "3", "--threads", "1");
        code.ShouldBe(0, output);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(6);
        lines.ShouldAllBe(l => l.Split('\t', StringSplitOptions.None).Length == 7 && categories.Contains(l.Split('\t', StringSplitOptions.None)[1]));

        // serve loads the run folder's model.onnx as it is and ranks each drawing as predict did (the browser page
        // applies the same qd.preprocessing).
        using SketchModel served = SketchModel.Load(run);
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { OneClassPerFile = false, RequireMetadata = false });
        string[] servedTop = [.. reader.ReadFile(input).Select(d => served.Predict(d.Strokes, 3).Top[0].Label)];
        servedTop.ShouldBe(lines.Select(l => l.Split('\t', StringSplitOptions.None)[1]).ToArray());
    }

    private static Dictionary<string, double> Metrics(string csv)
    {
        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        string[] row = lines[^1].Split(',');
        return header.Select((h, i) => (h, i)).Where(p => double.TryParse(row[p.i], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(p => p.h, p => double.Parse(row[p.i], CultureInfo.InvariantCulture));
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        ExperimentModel sketch = new(nameof(SketchClassifier), () => new SketchClassifier(), new SketchClassifierTraining(), new SketchClassifierData(), (m, path) => ((SketchClassifier)m).ExportOnnx(path, withLengths: true));
        TextWriter stdout = Console.Out, stderr = Console.Error;
        using var output = new StringWriter();
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            int code = ExperimentCommands.Run("quickdraw", args, [sketch], QuickDrawExperiment.Customize);
            return (code, output.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
