using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Tests.Training;

namespace QuickDrawDsl.Runtime.Tests.Experiments;

/// <summary>
/// <c>data: {format: video_clips}</c> through the generated command line's library: a 3D CNN trained on synthetic
/// moving-square clips the test writes (6 frames of 12x12, resampled to the model's 4 frames of 8x8), evaluated,
/// exported and used on one clip; an unreadable clip counted and kept out, and wrong input as one line.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class VideoCommandsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-video-" + Guid.NewGuid().ToString("N"));

    public VideoCommandsTests()
    {
        var generator = new SyntheticClipGenerator(5, frames: 6, size: 12, noise: 0.05);
        foreach (MotionDirection direction in new[] { MotionDirection.Right, MotionDirection.Left, MotionDirection.Down, MotionDirection.Up })
        {
            string classFolder = Path.Combine(Clips, direction.ToString());
            Directory.CreateDirectory(classFolder);
            for (int i = 0; i < 30; i++)
            {
                VideoClipWriter.ToNpy(generator.Next(direction), Path.Combine(classFolder, $"clip_{i:000}.npy"));
            }
        }

        File.WriteAllText(Path.Combine(Clips, "Up", "broken.npy"), "not a clip");
    }

    private string Clips => Path.Combine(folder, "clips");

    private string Output => Path.Combine(folder, "run");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ClipsTrainEvaluateExportAndPredict()
    {
        CommandResult train = Run("train", "--data", Clips, "--output", Output);
        train.Code.ShouldBe(0, train.Error);
        train.Out.ShouldContain("data: 121 records read: 120 accepted, 1 bad");
        File.ReadAllText(Path.Combine(Output, "data-report.txt")).ShouldContain("broken.npy");

        CommandResult evaluate = Run("evaluate", "--data", Clips, "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        Dictionary<string, double> metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(Output, RunFiles.Evaluation)))!;
        metrics["test_accuracy"].ShouldBeGreaterThan(0.5, "well above the 1/4 of chance on four directions");

        Run("export", "--output", Output).Code.ShouldBe(0);
        new FileInfo(Path.Combine(Output, RunFiles.Onnx)).Length.ShouldBeGreaterThan(1000);

        CommandResult predict = Run("predict", "--output", Output, "--input", Path.Combine(Clips, "Left", "clip_000.npy"), "--top", "4");
        predict.Code.ShouldBe(0, predict.Error);
        string[] cells = predict.OutLines.ShouldHaveSingleItem().Split('\t');
        cells.Length.ShouldBe(9);
        cells.Where((_, i) => i % 2 == 1).Order().ShouldBe(["Down", "Left", "Right", "Up"]);
    }

    [Fact]
    public void AnUnreadableClipIsOneBadRecordNamingItsFileOnce()
    {
        VideoClipSplit split = VideoClipSplit.Create(Clips, grayscale: true, 0.15, 0.15, seed: 1, maxPerClass: null);

        split.Report.BadRecords.ShouldBe(1);
        string line = split.Report.Examples.ShouldHaveSingleItem().ToString();
        string broken = Path.Combine(Clips, "Up", "broken.npy");
        line.ShouldStartWith(broken + " clip ");
        line.IndexOf(broken, line.IndexOf(broken, StringComparison.Ordinal) + 1, StringComparison.Ordinal).ShouldBe(-1, line);
        line.ShouldEndWith(": UnsupportedFormat: not a NumPy .npy file (missing the \\x93NUMPY magic)", Case.Sensitive, "the reader's own kind and reason, not Malformed around its whole message");
    }

    [Fact]
    public void WrongClipsAreOneLine()
    {
        Expect(Run([Model() with { Data = new ExperimentClipsData() with { Frames = 6 } }], "train", "--data", Clips, "--output", Output),
            "model ExperimentClips takes clip [1, 4, 8, 8] (float32), but data.frames 6 and data.frame_size 8 make clips [channels, 6, 8, 8]");
        Directory.Delete(Path.Combine(Clips, "Up"), recursive: true);
        Expect(Run("train", "--data", Clips, "--output", Output), "has the class folders Down, Left, Right, but 'labels:' in ExperimentClips.model.yaml lists Down, Left, Right, Up");
        Expect(Run("train", "--data", Path.Combine(Clips, "Left", "clip_000.npy"), "--output", Output), "clip_000.npy is a file; give the folder with one sub-folder a class");
        Directory.Exists(Output).ShouldBeFalse("nothing is written before the input is checked");
    }

    private static void Expect(CommandResult result, string expected)
    {
        result.Code.ShouldBe(2, result.Out + result.Error);
        result.ErrorLines.ShouldHaveSingleItem().ShouldContain(expected, Case.Sensitive);
        result.Error.ShouldNotContain("   at ");
    }

    private static ExperimentModel Model() =>
        new("ExperimentClips", () => new ExperimentClips(), new ExperimentClipsTraining(), new ExperimentClipsData(), (m, p) => ((ExperimentClips)m).ExportOnnx(p));

    private static CommandResult Run(params string[] args) => Run([Model()], args);

    private static CommandResult Run(IReadOnlyList<ExperimentModel> models, params string[] args) => CommandRun.Run(models, args);
}
