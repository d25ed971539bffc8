using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Examples.QuickDraw.Serve;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// SketchClassifier on the example's generated command line (<c>QuickDrawDslProgram</c>: the generated
/// <c>train → evaluate → export</c> with this example's hooks, <see cref="QuickDrawExperiment.Customize"/>, then the
/// example's own <c>predict</c>): the spec's split, the offset scale of the training drawings recorded in
/// preprocessing.json and model.onnx, an export checked against TorchSharp, and a run folder that <c>serve</c> loads and
/// ranks drawings from as <c>predict</c> does.
/// </summary>
/// <remarks>In the serial collection: training seeds torch's process-wide generator, and the commands write to the process's console.</remarks>
[Collection(SerialTorchCollection.Name)]
public sealed class SketchOnGeneratedCommandLineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qd-sketch-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheGeneratedCommandsTrainOnTheSpecsSplitAndServeRanksLikePredict()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        string[] categories = [.. DataLocator.Categories(data, DataFormat.Strokes, null)];
        string run = Path.Combine(folder, "run");
        (int code, string output) = Run("train", "--data", data, "--output", run, "--epochs", "1", "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: trained 1 epochs on 432 drawings", Case.Sensitive, "72 of each file's first 100: data.max_per_class 100 less 8 validation and 20 test");

        // The offset scale is the spread of the 432 training drawings alone (not validation, not test), measured once.
        SplitDataset<Drawing> split = QuickDrawDatasets.LoadDrawings(data, categories, new PositionalSplitPolicy(72, 8, 20));
        float expectedScale = SketchFeatures.OffsetScale(SketchBatches.Samples(split.Train));
        Preprocessing preprocessing = Preprocessing.Load(Path.Combine(run, RunFiles.Preprocessing));
        preprocessing.Labels.ShouldBe(categories);
        preprocessing.OffsetScale.ShouldBe(expectedScale);
        preprocessing.MaxPoints.ShouldBe(SketchFeatures.MaxPoints);

        // Validation scores the 48 drawings after each file's training block: its accuracy is a whole number of them.
        Dictionary<string, double> epoch = Metrics(Path.Combine(run, "metrics.csv"));
        (epoch["val_accuracy"] * 48).ShouldBe(Math.Round(epoch["val_accuracy"] * 48), 1e-9);
        epoch["train_loss"].ShouldBeInRange(0.1, Math.Log(6) + 1, "cross-entropy over 6 classes after one epoch");

        (code, output) = Run("evaluate", "--data", data, "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: 120 test drawings", Case.Sensitive, "the last 20 of each file's first 100");
        Dictionary<string, double> evaluation = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(run, RunFiles.Evaluation)))!;
        (evaluation["test_accuracy"] * 120).ShouldBe(Math.Round(evaluation["test_accuracy"] * 120), 1e-9);

        (code, output) = Run("export", "--output", run, "--data", data, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: ONNX Runtime matches TorchSharp on 120 test drawings: max |difference| ", Case.Sensitive, "over the whole test split");
        output.ShouldContain("top-1 agrees on 120/120");
        using (var onnx = new OnnxPredictor(Path.Combine(run, RunFiles.Onnx)))
        {
            onnx.Labels.ShouldBe(categories);
            SketchPreprocessing stored = JsonSerializer.Deserialize(onnx.Metadata["qd.preprocessing"], QuickDrawJsonContext.Default.SketchPreprocessing)!;
            stored.Incompatibility().ShouldBeNull("serve and the browser page apply this preprocessing");
            stored.OffsetScale.ShouldBe(expectedScale);
        }

        // The last drawing of each file is a test drawing; the example's predict prints one line each, labels from the run.
        string input = Path.Combine(folder, "last.ndjson");
        File.WriteAllLines(input, categories.Select(c => File.ReadLines(Path.Combine(data, c + ".ndjson")).Last(l => l.Length > 0)));
        (code, output) = Run("predict", "--output", run, "--input", input, "--top", "3");
        code.ShouldBe(0, output);
        PredictedLine[] lines = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(PredictedLine.Parse)];
        lines.Select(l => l.Line).ShouldBe([1, 2, 3, 4, 5, 6]);
        lines.Select(l => l.Word).ShouldBe(categories, "each line names the drawing's own word");
        foreach (PredictedLine line in lines)
        {
            line.Top.Length.ShouldBe(3);
            line.Top.ShouldAllBe(t => categories.Contains(t.Label));
            line.Top.Select(t => t.Label).Distinct().Count().ShouldBe(3);
            line.Top.Select(t => t.Percent).ShouldBeInOrder(SortDirection.Descending);
        }

        // serve loads the run folder's model.onnx as it is and ranks each drawing as predict did (the browser page
        // applies the same qd.preprocessing).
        using SketchModel served = SketchModel.Load(run);
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { OneClassPerFile = false, RequireMetadata = false });
        Drawing[] drawings = [.. reader.ReadFile(input)];
        for (int i = 0; i < drawings.Length; i++)
        {
            IReadOnlyList<OnnxPrediction> top = served.Predict(drawings[i].Strokes, 3).Top;
            top.Select(t => t.Label).ShouldBe(lines[i].Top.Select(t => t.Label));
            top.Select(t => t.Probability * 100).Zip(lines[i].Top).ShouldAllBe(p => Math.Abs(p.First - p.Second.Percent) <= 0.05 + 1e-6);
        }
    }

    [Fact]
    public void TrainTakesTheCategoriesAndPerClassSplitOfTheExamplesTrainAndTheRunKeepsThem()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        string run = Path.Combine(folder, "subset");

        // 2 categories; per class 30 for training, of which ⌈0.2 × 30⌉ = 6 validate, then 10 for testing.
        (int code, string output) = Run("train", "--data", data, "--output", run, "--epochs", "1", "--threads", "1",
            "--categories", "eye,apple", "--train-per-class", "30", "--test-per-class", "10", "--validation-fraction", "0.2");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: trained 1 epochs on 48 drawings", Case.Sensitive, "2 × (30 − 6)");
        Preprocessing.Load(Path.Combine(run, RunFiles.Preprocessing)).Labels.ShouldBe(["eye", "apple"], "in the order --categories names them, as the example's train");
        TrainSettings settings = TrainSettings.Load(Path.Combine(run, RunFiles.TrainSettings)).ShouldNotBeNull();
        settings.Settings["--train-per-class"].ShouldBe("30");
        settings.Settings["--test-per-class"].ShouldBe("10");
        settings.Settings["--validation-fraction"].ShouldBe("0.2");

        // evaluate and export, told nothing, test on the run's data and its 10 test drawings a class.
        (code, output) = Run("evaluate", "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("SketchClassifier: 20 test drawings", Case.Sensitive, "the 10 after each class's first 30");
        (code, output) = Run("export", "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("ONNX Runtime matches TorchSharp on 20 test drawings");

        // A resume with other categories or another split is refused in one line naming the run's value.
        (string[] Args, string Message)[] refusals =
        [
            (["--categories", "eye,banana", "--train-per-class", "30", "--test-per-class", "10", "--validation-fraction", "0.2"], $"quickdraw: --resume: the run in {run} was started with --categories eye,apple, and this command asks for eye,banana; resume with the run's settings, or pass --force to start over"),
            (["--categories", "eye,apple", "--train-per-class", "40", "--test-per-class", "10", "--validation-fraction", "0.2"], $"quickdraw: --resume: the run in {run} was started with --train-per-class 30, and this command asks for 40;"),
            (["--categories", "eye,apple"], $"quickdraw: --resume: the run in {run} was started with --train-per-class 30, and this command asks for none;"),
        ];
        foreach ((string[] args, string message) in refusals)
        {
            (code, output) = Run(["train", "--data", data, "--output", run, "--resume", .. args]);
            code.ShouldBe(2, output);
            output.Trim().ShouldStartWith(message);
            output.Trim().Split('\n').Length.ShouldBe(1, output);
        }

        // Mistakes are one line each, before anything is written.
        string other = Path.Combine(folder, "wrong");
        (string[] Args, string Message)[] mistakes =
        [
            (["--categories", "apple,zebra"], $"quickdraw: --categories: no data for 'zebra' in {data} (it has: apple, banana, coffee cup, eye, mouth, nose)"),
            (["--categories", "apple"], "quickdraw: --categories names 1 category; a classifier needs at least 2 (one .ndjson file per category)"),
            (["--validation-fraction", "1.5"], "quickdraw: --validation-fraction 1.5 must be in (0, 1)"),
            (["--train-per-class", "10", "--validation-fraction", "0.95"], "quickdraw: --validation-fraction 0.95 takes all 10 training drawings per class (--train-per-class 10) for validation, leaving none to train on: use --validation-fraction 0.9 or less, or a larger --train-per-class"),
            (["--train-per-class", "30", "--max-per-class", "50"], "quickdraw: --max-per-class and --train-per-class both size the split;"),
        ];
        foreach ((string[] args, string message) in mistakes)
        {
            (code, output) = Run(["train", "--data", data, "--output", other, .. args]);
            code.ShouldBe(2, string.Join(' ', args));
            output.Trim().ShouldStartWith(message);
            output.Trim().Split('\n').Length.ShouldBe(1, output);
        }

        Directory.Exists(other).ShouldBeFalse("nothing is written for a refused command");
    }

    [Fact]
    public void TrainStreamsAPreparedCacheAndARePreparedCacheIsRefusedOnResume()
    {
        string fixtures = Fixtures.PathOf("quickdraw", "simplified_100");
        string data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        foreach (string category in new[] { "apple", "banana", "eye" })
        {
            File.WriteAllLines(Path.Combine(data, category + ".ndjson"), File.ReadLines(Path.Combine(fixtures, category + ".ndjson")).Take(60));
        }

        string cache = Path.Combine(folder, "cache");
        var prepare = new DrawingCachePrepareOptions { ValidationFraction = 0.2, TestFraction = 0.2, Parallelism = 1 };
        DrawingCachePreparer.Prepare(data, cache, prepare);
        long trainCount, testCount;
        using (DrawingCache opened = DrawingCache.Open(cache))
        {
            trainCount = opened.Count(DataSplit.Train);
            testCount = opened.Count(DataSplit.Test);
        }

        // train streams the cache's train split, validates on its validation split and records the cache.
        string run = Path.Combine(folder, "run");
        (int code, string output) = Run("train", "--cache", cache, "--output", run, "--epochs", "1", "--batch-size", "16", "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain($"SketchClassifier: trained 1 epochs on {trainCount} drawings");
        output.ShouldContain("SketchClassifier: best epoch 1 of 1 by val_loss: validation top-1 accuracy ");
        output.ShouldContain("  " + Path.Combine(run, "loss.png"), Case.Sensitive, "the example's plots, each file named");
        File.Exists(Path.Combine(run, "confusion_matrix.png")).ShouldBeTrue();
        TrainSettings settings = TrainSettings.Load(Path.Combine(run, RunFiles.TrainSettings)).ShouldNotBeNull();
        settings.Labels.ShouldBe(["apple", "banana", "eye"]);
        settings.Settings["--data"].ShouldBe(Path.GetFullPath(cache));
        settings.Settings["--cache"].ShouldBe(Path.GetFullPath(cache));
        settings.Settings[SketchFormat.ManifestSetting].ShouldMatch("^[0-9a-f]{64}$");
        Preprocessing.Load(Path.Combine(run, RunFiles.Preprocessing)).Format.ShouldBe("quickdraw_cache");

        // evaluate and export, told nothing, read the cache's test split, which training never saw.
        (code, output) = Run("evaluate", "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain($"SketchClassifier: {testCount} test drawings");
        (code, output) = Run("export", "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain($"ONNX Runtime matches TorchSharp on {testCount} test drawings");
        output.ShouldContain($"top-1 agrees on {testCount}/{testCount}");

        // Resumed on the same cache it continues; a cache prepared again under the run is refused before anything is read.
        (code, output) = Run("train", "--cache", cache, "--output", run, "--epochs", "2", "--batch-size", "16", "--threads", "1", "--resume");
        code.ShouldBe(0, output);
        File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length.ShouldBe(3, "a header and one row an epoch");
        File.AppendAllLines(Path.Combine(data, "apple.ndjson"), File.ReadLines(Path.Combine(fixtures, "apple.ndjson")).Skip(60).Take(20));
        DrawingCachePreparer.Prepare(data, cache, prepare);
        (code, output) = Run("train", "--cache", cache, "--output", run, "--epochs", "3", "--threads", "1", "--resume");
        code.ShouldBe(2, output);
        output.Trim().ShouldStartWith($"quickdraw: --resume: the run in {run} was started with {SketchFormat.ManifestSetting} {settings.Settings[SketchFormat.ManifestSetting]}, and this command asks for ");
        output.Trim().Split('\n').Length.ShouldBe(1, output);
        File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length.ShouldBe(3);

        // Mistakes are one line each, before anything is written.
        string other = Path.Combine(folder, "wrong");
        (string[] Args, string Message)[] mistakes =
        [
            (["--cache", cache, "--data", data], $"quickdraw: --cache {cache} takes its drawings, classes and splits from the prepared cache, so --data does not apply; leave --data out,"),
            (["--cache", cache, "--categories", "apple,eye"], $"quickdraw: --cache {cache} takes its drawings, classes and splits from the prepared cache, so --categories does not apply;"),
            (["--cache", data], $"quickdraw: --cache {data} is a folder of QuickDraw files, not a prepared cache; prepare it once with quickdraw prepare --data {data} --output <cache>"),
        ];
        foreach ((string[] args, string message) in mistakes)
        {
            (code, output) = Run(["train", "--output", other, "--epochs", "1", .. args]);
            code.ShouldBe(2, string.Join(' ', args));
            output.Trim().ShouldStartWith(message);
            output.Trim().Split('\n').Length.ShouldBe(1, output);
        }

        Directory.Exists(other).ShouldBeFalse("nothing is written for a refused command");
    }

    [Fact]
    public void WithoutDataOrOutputTheCommandsUseTheExamplesDataAndRunFolder()
    {
        // train without --data reads the folder the example finds ($QUICKDRAW_DATA, ./data/quickdraw, the shared sample),
        // or says how to get data in one line when there is none.
        string run = Path.Combine(folder, "found");
        string? found = null;
        string? missing = null;
        try
        {
            found = DataLocator.Find(null, DataFormat.Strokes);
        }
        catch (UserError e)
        {
            missing = e.Message;
        }

        string[] subset = found is null ? ["apple", "eye"] : [.. DataLocator.Categories(found, DataFormat.Strokes, null).Take(2)];
        (int code, string output) = Run("train", "--output", run, "--epochs", "1", "--threads", "1", "--categories", string.Join(',', subset), "--train-per-class", "10", "--test-per-class", "5");
        if (found is null)
        {
            code.ShouldBe(2, output);
            output.Trim().ShouldBe("quickdraw: " + missing);
        }
        else
        {
            code.ShouldBe(0, output);
            TrainSettings.Load(Path.Combine(run, RunFiles.TrainSettings)).ShouldNotBeNull().Settings["--data"].ShouldBe(Path.GetFullPath(found));
        }

        // Without --output every command uses runs/quickdraw, the folder serve, build.sh and the README use.
        (code, output) = Run("evaluate", "--threads", "1");
        code.ShouldBe(2, output);
        output.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain(Path.Combine("runs", "quickdraw", RunFiles.Preprocessing));
    }

    [Fact]
    public void ARunOfTheEarlierTrainIsRefusedOnResumeAndStartsOverWithForce()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        string run = Path.Combine(folder, "legacy");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, LegacyRuns.SettingsFile), "{\"Format\":\"Strokes\"}");
        File.WriteAllText(Path.Combine(run, RunFiles.Checkpoint), "an earlier checkpoint");
        string[] small = ["--data", data, "--output", run, "--threads", "1", "--categories", "apple,eye", "--train-per-class", "10", "--test-per-class", "5"];

        (int code, string output) = Run(["train", "--resume", "--epochs", "1", .. small]);
        code.ShouldBe(2, output);
        output.Trim().ShouldStartWith($"quickdraw: --resume: {run} holds a run of the earlier quickdraw train (run.json, no train-settings.json), which this train cannot continue; pass --force to start over in it, or train into another --output");
        File.ReadAllText(Path.Combine(run, RunFiles.Checkpoint)).ShouldBe("an earlier checkpoint", "nothing is touched");

        // --force starts over; the new run, with its train-settings.json, resumes.
        (code, output) = Run(["train", "--force", "--epochs", "1", .. small]);
        code.ShouldBe(0, output);
        (code, output) = Run(["train", "--resume", "--epochs", "2", .. small]);
        code.ShouldBe(0, output);
        File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length.ShouldBe(3);
    }

    [Fact]
    public void BitmapClassifierTrainsOnTheBitmapFilesWithTheExamplesSizingAndExport()
    {
        // 3 categories of 50 bitmaps: per class 10 test (data.splits.test 0.2), 4 validation (0.08), 36 training.
        string bitmaps = Path.Combine(folder, "bitmaps");
        Directory.CreateDirectory(bitmaps);
        string[] categories = ["apple", "banana", "eye"];
        for (int c = 0; c < categories.Length; c++)
        {
            WriteBitmaps(Path.Combine(bitmaps, categories[c] + ".npy"), 50, c);
        }

        string run = Path.Combine(folder, "bitmap-run");
        (int code, string output) = Run("train", "--model", "BitmapClassifier", "--data", bitmaps, "--output", run, "--epochs", "1", "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("BitmapClassifier: trained 1 epochs on 108 bitmaps");
        output.ShouldContain("  " + Path.Combine(run, "loss.png"));
        Preprocessing.Load(Path.Combine(run, RunFiles.Preprocessing)).Labels.ShouldBe(categories, "the model is sized by the folder's files, not the spec's 345");

        (code, output) = Run("export", "--model", "BitmapClassifier", "--output", run, "--threads", "1");
        code.ShouldBe(0, output);
        output.ShouldContain("BitmapClassifier: ONNX Runtime matches TorchSharp on 30 test bitmaps");
        using var onnx = new OnnxPredictor(Path.Combine(run, RunFiles.Onnx));
        onnx.Labels.ShouldBe(categories);
        onnx.Metadata[QuickDrawDsl.Runtime.Export.OnnxMetadataKeys.InputNormalization].ShouldBe("bitmap: uint8 / 255, [1, 28, 28]");

        // The stroke options are the stroke model's: given with --model BitmapClassifier they are one line, not ignored.
        (code, output) = Run("train", "--model", "BitmapClassifier", "--data", bitmaps, "--output", Path.Combine(folder, "wrong"), "--categories", "apple,eye");
        code.ShouldBe(2, output);
        output.Trim().ShouldStartWith("quickdraw: --categories applies to --model SketchClassifier;");
    }

    // A QuickDraw numpy_bitmap file: uint8 (count, 784), each class a different stripe so that the classes differ.
    private static void WriteBitmaps(string path, int count, int stripe)
    {
        string header = $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({count}, 784), }}";
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)]);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        var random = new Random(stripe);
        byte[] image = new byte[784];
        for (int i = 0; i < count; i++)
        {
            for (int p = 0; p < image.Length; p++)
            {
                image[p] = (byte)((p / 28 / 9 == stripe ? 200 : 0) + random.Next(50));
            }

            stream.Write(image);
        }
    }

    private static Dictionary<string, double> Metrics(string csv)
    {
        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        string[] row = lines[^1].Split(',');
        return header.Select((h, i) => (h, i)).Where(p => double.TryParse(row[p.i], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(p => p.h, p => double.Parse(row[p.i], CultureInfo.InvariantCulture));
    }

    private static (int Code, string Output) Run(params string[] args) => QuickDrawProgram.Run(args);

    // One line of the example's predict: "N: label p %  label p %  ...   (labelled 'word')".
    private sealed record PredictedLine(int Line, (string Label, double Percent)[] Top, string? Word)
    {
        private static readonly Regex Shape = new(@"^(?<line>\d+): (?<top>.+?)(   \(labelled '(?<word>.*)'\))?$", RegexOptions.CultureInvariant);
        private static readonly Regex Entry = new(@"^(?<label>.+) (?<p>\d+(\.\d)?) ?%$", RegexOptions.CultureInvariant);

        public static PredictedLine Parse(string text)
        {
            Match line = Shape.Match(text.TrimEnd('\r'));
            line.Success.ShouldBeTrue(text);
            (string, double)[] top = [.. line.Groups["top"].Value.Split("  ").Select(e =>
            {
                Match m = Entry.Match(e);
                m.Success.ShouldBeTrue(text);
                return (m.Groups["label"].Value, double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture));
            })];
            return new PredictedLine(int.Parse(line.Groups["line"].Value, CultureInfo.InvariantCulture), top, line.Groups["word"].Success ? line.Groups["word"].Value : null);
        }
    }
}
