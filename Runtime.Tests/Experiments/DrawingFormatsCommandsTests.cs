using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.NumPy;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Tests.Data.NumPy;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;

namespace QuickDrawDsl.Runtime.Tests.Experiments;

/// <summary>
/// <c>npy</c> (QuickDraw bitmaps), <c>quickdraw_bin</c> (Google's packed drawings), <c>quickdraw_cache</c> (a cache
/// prepared from the drawings) and <c>npz</c> (Sketch-RNN archives) through the generated command
/// line's library, on fixtures the test writes from the real QuickDraw drawings of testdata/: train, evaluate, export
/// and predict with a broken record counted and kept out, and wrong input as one line with exit code 2.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class DrawingFormatsCommandsTests : IDisposable
{
    private static readonly string[] Labels = ["apple", "banana", "eye"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-formats-" + Guid.NewGuid().ToString("N"));

    public DrawingFormatsCommandsTests()
    {
        Directory.CreateDirectory(Bitmaps);
        Directory.CreateDirectory(Binary);
        foreach (string label in Labels)
        {
            List<Drawing> drawings = [.. new QuickDrawNdjsonReader().ReadFile(Fixtures.PathOf("quickdraw", "simplified_100", label + ".ndjson"))];
            WriteBitmaps(Path.Combine(Bitmaps, label + ".npy"), drawings, cutShort: label == "eye");
            using FileStream bin = File.Create(Path.Combine(Binary, label + ".bin"));
            QuickDrawBinaryWriter.Write(bin, drawings);
            if (label == "eye")
            {
                // A record cut short: a key id and half a country code.
                bin.Write([1, 2, 3, 4, 5, 6, 7, 8, (byte)'U']);
            }
        }
    }

    private string Bitmaps => Path.Combine(folder, "bitmaps");

    private string Binary => Path.Combine(folder, "binary");

    private string Output => Path.Combine(folder, "run");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void BitmapsTrainEvaluateExportAndPredict()
    {
        CommandResult train = Bitmap("train", "--data", Bitmaps, "--output", Output);
        train.Code.ShouldBe(0, train.Error);
        train.Out.ShouldContain("ExperimentBitmap: trained 8 epochs on 180 bitmaps");
        File.ReadAllText(Path.Combine(Output, "data-report.txt")).ShouldContain("eye.npy");

        CommandResult evaluate = Bitmap("evaluate", "--data", Bitmaps, "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        evaluate.Out.ShouldContain("59 test bitmaps", customMessage: "eye.npy's last image, cut short, is left out of its test split");
        Dictionary<string, double> metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(Output, RunFiles.Evaluation)))!;
        metrics["test_accuracy"].ShouldBeGreaterThan(0.6, "well above the 1/3 of chance on three classes");

        Bitmap("export", "--output", Output).Code.ShouldBe(0);
        new FileInfo(Path.Combine(Output, RunFiles.Onnx)).Length.ShouldBeGreaterThan(1000);

        string input = Path.Combine(folder, "some.npy");
        WriteBitmaps(input, [.. new QuickDrawNdjsonReader().ReadFile(Fixtures.PathOf("quickdraw", "simplified_100", "banana.ndjson")).Take(4)], cutShort: false);
        CommandResult predict = Bitmap("predict", "--output", Output, "--input", input, "--top", "3");
        predict.Code.ShouldBe(0, predict.Error);
        predict.OutLines.Length.ShouldBe(4);
        foreach (string[] cells in predict.OutLines.Select(l => l.Split('\t')))
        {
            cells.Length.ShouldBe(7);
            cells.Where((_, i) => i % 2 == 1).Order().ShouldBe(Labels);
            cells.Where((_, i) => i > 0 && i % 2 == 0).Sum(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(1, 0.001);
        }
    }

    [Fact]
    public void BinaryDrawingsTrainEvaluateExportAndPredict()
    {
        CommandResult train = Sketch("train", "--data", Binary, "--output", Output, "--epochs", "1");
        train.Code.ShouldBe(0, train.Error);
        train.Out.ShouldContain("ExperimentSketch: trained 1 epochs on");
        File.ReadAllText(Path.Combine(Output, "data-report.txt")).ShouldContain("eye.bin");
        train.Out.ShouldContain("1 bad");

        CommandResult evaluate = Sketch("evaluate", "--data", Binary, "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(Output, RunFiles.Evaluation)))!["test_accuracy"].ShouldBeInRange(0, 1);

        Sketch("export", "--output", Output).Code.ShouldBe(0);

        CommandResult predict = Sketch("predict", "--output", Output, "--input", Path.Combine(Binary, "banana.bin"));
        predict.Code.ShouldBe(0, predict.Error);
        predict.OutLines.Length.ShouldBe(100, "one line a drawing of the .bin file");
        predict.OutLines.Select(l => l.Split('\t')[1]).ShouldAllBe(l => Labels.Contains(l));
    }

    [Fact]
    public void APreparedCacheTrainsEvaluatesExportsAndPredicts()
    {
        string source = Path.Combine(folder, "ndjson");
        string cache = Path.Combine(folder, "cache");
        Directory.CreateDirectory(source);
        foreach (string label in Labels)
        {
            File.Copy(Fixtures.PathOf("quickdraw", "simplified_100", label + ".ndjson"), Path.Combine(source, label + ".ndjson"));
        }

        File.AppendAllText(Path.Combine(source, "eye.ndjson"), "{\"word\": \"eye\", \"drawing\": [[[1, 2], [3]]\n");
        DrawingCachePreparer.Prepare(source, cache, new DrawingCachePrepareOptions { ValidationFraction = 0.2, TestFraction = 0.2, Parallelism = 1 });
        using (DrawingCache opened = DrawingCache.Open(cache))
        {
            opened.Count(DataSplit.Test).ShouldBeGreaterThan(0);
        }

        CommandResult train = Sketch(DataFormat.QuickDrawCache, "train", "--data", cache, "--output", Output, "--epochs", "1");
        train.Code.ShouldBe(0, train.Error);
        train.Out.ShouldContain("1 bad", customMessage: "the bad record the cache's prepare step left out is reported by the run");
        File.ReadAllText(Path.Combine(Output, "data-report.txt")).ShouldContain("eye.ndjson");

        CommandResult evaluate = Sketch(DataFormat.QuickDrawCache, "evaluate", "--data", cache, "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        using (DrawingCache opened = DrawingCache.Open(cache))
        {
            evaluate.Out.ShouldContain($"{opened.Count(DataSplit.Test)} test drawings", customMessage: "evaluate reads the cache's own test split");
        }

        Sketch(DataFormat.QuickDrawCache, "export", "--output", Output).Code.ShouldBe(0);
        CommandResult predict = Sketch(DataFormat.QuickDrawCache, "predict", "--output", Output, "--input", Path.Combine(source, "apple.ndjson"), "--top", "2");
        predict.Code.ShouldBe(0, predict.Error);
        predict.OutLines.Length.ShouldBe(100);

        Expect(Sketch(DataFormat.QuickDrawCache, "train", "--data", source, "--output", Path.Combine(folder, "other")), "has no manifest.json: it is not a prepared cache");
        Expect(Sketch(DataFormat.QuickDrawCache, "train", "--data", cache, "--output", Path.Combine(folder, "other"), "--max-per-class", "5"), "data.max_per_class 5 does not apply to a prepared cache");
        Directory.Exists(Path.Combine(folder, "other")).ShouldBeFalse();
    }

    [Fact]
    public void SketchRnnArchivesTrainEvaluateExportAndPredict()
    {
        string archives = Path.Combine(folder, "npz");
        Directory.CreateDirectory(archives);
        int trainCount = 0, testCount = 0;
        foreach (string label in Labels)
        {
            List<NpyFixtures.Element> sequences = [.. new QuickDrawNdjsonReader().ReadFile(Fixtures.PathOf("quickdraw", "simplified_100", label + ".ndjson"))
                // At most 40 points (the model's max_points): the fixture's pickle writer takes elements under 256 bytes.
                .Select(d => StrokeConversions.ToStroke3(d).Data[..Math.Min(StrokeConversions.ToStroke3(d).Data.Length, 40 * 3)])
                .Select(data => new NpyFixtures.Element("i2", data.Length / 3, NpyFixtures.Int16Rows([.. data.Select(v => (short)v)])))];
            List<NpyFixtures.Element> trainArray = [.. sequences.Take(60)];
            trainCount += trainArray.Count;
            testCount += sequences.Skip(80).Count();
            if (label == "eye")
            {
                trainArray.Add(new NpyFixtures.Element("f8", 1, new byte[24]));
            }

            NpyFixtures.WriteNpz(Path.Combine(archives, label + ".npz"), new Dictionary<string, byte[]>
            {
                ["train.npy"] = NpyFixtures.ObjectArrayNpy(trainArray),
                ["valid.npy"] = NpyFixtures.ObjectArrayNpy([.. sequences.Skip(60).Take(20)]),
                ["test.npy"] = NpyFixtures.ObjectArrayNpy([.. sequences.Skip(80)]),
            });
        }

        CommandResult train = Sketch(DataFormat.Npz, "train", "--data", archives, "--output", Output, "--epochs", "2");
        train.Code.ShouldBe(0, train.Error);
        train.OutLines[^1].ShouldStartWith($"ExperimentSketch: trained 2 epochs on {trainCount} sequences", customMessage: "the archives' own train arrays, the unreadable element left out");
        File.ReadAllText(Path.Combine(Output, "data-report.txt")).ShouldContain("eye.npz");

        CommandResult evaluate = Sketch(DataFormat.Npz, "evaluate", "--data", archives, "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        evaluate.Out.ShouldContain($"{testCount} test sequences");

        Sketch(DataFormat.Npz, "export", "--output", Output).Code.ShouldBe(0);
        CommandResult predict = Sketch(DataFormat.Npz, "predict", "--output", Output, "--input", Path.Combine(archives, "banana.npz"));
        predict.Code.ShouldBe(0, predict.Error);
        predict.OutLines.Length.ShouldBe(new QuickDrawNdjsonReader().ReadFile(Fixtures.PathOf("quickdraw", "simplified_100", "banana.ndjson")).Skip(80).Count(), "one line a sequence of the archive's test array");

        string other = Path.Combine(folder, "other");
        Expect(CommandRun.Run([SketchModel(new ExperimentSketchData() with { Format = DataFormat.Npz, ArrayKey = "all" })], "train", "--data", archives, "--output", other),
            "apple.npz has no array 'all'; its arrays are train, valid, test: set data.array_key to one of them");
        File.WriteAllText(Path.Combine(archives, "apple.npz"), "not a zip");
        Expect(Sketch(DataFormat.Npz, "train", "--data", archives, "--output", other), "apple.npz is not an .npz archive");
        Directory.Exists(other).ShouldBeFalse();
    }

    [Fact]
    public void WrongBitmapsOrDrawingsAreOneLine()
    {
        string floats = Path.Combine(folder, "floats");
        Directory.CreateDirectory(floats);
        foreach (string label in Labels)
        {
            NpyArray.Write(Path.Combine(floats, label + ".npy"), [2, 784], new float[2 * 784]);
        }

        Expect(Bitmap("train", "--data", floats, "--output", Output), "apple.npy: dtype '<f4' is not uint8 ('|u1')");
        Expect(Sketch(DataFormat.Npy, "train", "--data", Bitmaps, "--output", Output), "model ExperimentSketch takes strokes [time, 3] (float32), but a QuickDraw bitmap is 28x28 = 784 values");
        Expect(Bitmap(DataFormat.QuickDrawBin, "train", "--data", Binary, "--output", Output), "model ExperimentBitmap takes pixels [28, 28] (float32), but QuickDraw drawings are stroke-3 sequences [time, 3]");
        Expect(Bitmap("train", "--data", Path.Combine(Bitmaps, "apple.npy"), "--output", Output), "apple.npy is a file; give the folder that holds one <class>.npy");
        File.Delete(Path.Combine(Binary, "banana.bin"));
        Expect(Sketch(DataFormat.QuickDrawBin, "train", "--data", Binary, "--output", Output), "has no banana.bin for label 'banana'");
        Directory.Exists(Output).ShouldBeFalse("nothing is written before the input is checked");
    }

    private static void WriteBitmaps(string path, IReadOnlyList<Drawing> drawings, bool cutShort)
    {
        float[] pixels = [.. drawings.SelectMany(d => StrokeRasterizer.Rasterize(d)).Select(b => (float)b)];
        NpyArray.Write(path, [drawings.Count, 784], pixels, asUInt8: true);
        if (cutShort)
        {
            // The last image loses half its bytes: the file ends inside a record.
            using FileStream file = File.OpenWrite(path);
            file.SetLength(file.Length - 392);
        }
    }

    private static void Expect(CommandResult result, string expected)
    {
        result.Code.ShouldBe(2, result.Out + result.Error);
        result.ErrorLines.ShouldHaveSingleItem().ShouldContain(expected, Case.Sensitive);
        result.Error.ShouldNotContain("   at ");
    }

    private static CommandResult Bitmap(params string[] args) => CommandRun.Run([BitmapModel(new ExperimentBitmapData())], args);

    private static CommandResult Bitmap(DataFormat format, params string[] args) => CommandRun.Run([BitmapModel(new ExperimentBitmapData() with { Format = format })], args);

    private static CommandResult Sketch(params string[] args) => Sketch(DataFormat.QuickDrawBin, args);

    private static CommandResult Sketch(DataFormat format, params string[] args) =>
        CommandRun.Run([SketchModel(new ExperimentSketchData() with { Format = format, MaxPoints = format is DataFormat.Npy ? null : 40 })], args);

    private static ExperimentModel SketchModel(DataSection data) =>
        new("ExperimentSketch", () => new ExperimentSketch(), new ExperimentSketchTraining(), data, (m, p) => ((ExperimentSketch)m).ExportOnnx(p));

    private static ExperimentModel BitmapModel(DataSection data) =>
        new("ExperimentBitmap", () => new ExperimentBitmap(), new ExperimentBitmapTraining(), data, (m, p) => ((ExperimentBitmap)m).ExportOnnx(p));
}
