using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using QuickDrawDsl.Runtime.Training.Metrics;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>
/// What <c>video all</c> adds to a trained, evaluated and exported run: ONNX Runtime against TorchSharp on every test
/// clip, per-class accuracy, one test clip per class written to <c>samples/</c> and classified from its file,
/// <c>clips.png</c>, and the measured results (<c>results.md</c>, <c>results.json</c>).
/// </summary>
internal static class RunReport
{
    public const string ClipsFolder = "clips";
    public const string ContactSheet = "clips.png";
    public const string ResultsMarkdown = "results.md";
    public const string ResultsJson = "results.json";
    public const string Samples = "samples";

    /// <summary>Writes the report of the run in <paramref name="run"/>, whose clips are in its <see cref="ClipsFolder"/>.</summary>
    /// <param name="run">The run folder.</param>
    /// <param name="seed">The seed the run was trained with (it assigned the clips to splits).</param>
    /// <param name="trainSeconds">Wall time of the train step.</param>
    /// <param name="command">The command line, for results.md.</param>
    /// <param name="predict">Runs <c>video predict</c> on one clip file.</param>
    /// <returns>The results.</returns>
    public static RunResults Write(string run, long seed, double trainSeconds, string command, Action<string> predict)
    {
        var data = new MotionClassifierData();
        int[] shape = [.. MotionClassifier.Info.InputShape.Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture))];
        VideoClipSplit split = VideoClipSplit.Create(Path.Combine(run, ClipsFolder), shape[0] == 1, data.ValidationFraction, data.TestFraction, seed, data.MaxPerClass);
        IReadOnlyList<string> classes = split.Clips.ClassNames;
        VideoClip Read(int index) => ClipResizer.Resize(split.Clips.Get(index), shape[0], shape[1], shape[2], shape[3]);

        Pipeline.ContactSheet.Save([.. split.Train.DistinctBy(split.Clips.LabelOf).Select(Read)], classes, Path.Combine(run, ContactSheet));

        using var model = new MotionClassifier();
        ModelWeights.Load(model, Path.Combine(run, RunFiles.Weights));
        model.eval();
        long parameters = model.parameters().Sum(p => p.numel());
        string onnxPath = Path.Combine(run, RunFiles.Onnx);
        var confusion = new ConfusionMatrix(classes.Count);
        double maxDiff = 0;
        long same = 0;
        using (var onnx = new OnnxPredictor(onnxPath))
        {
            foreach (int[] chunk in split.Test.Chunk(64))
            {
                using var scope = NewDisposeScope();
                using Batch batch = VideoCollate.Classification([.. chunk.Select(Read)]);
                Tensor expected;
                using (no_grad())
                {
                    expected = model.call(batch.Inputs);
                }

                Tensor actual = onnx.Predict(batch.Inputs);
                maxDiff = Math.Max(maxDiff, (expected - actual).abs().max().item<float>());
                same += expected.argmax(1).eq(actual.argmax(1)).sum().item<long>();
                confusion.Add(expected, batch.Targets);
            }
        }

        var parity = new ExportParity(onnxPath, maxDiff, split.Test.Count, same);
        Console.WriteLine($"{onnxPath}: max |TorchSharp - ONNX Runtime| logit difference {maxDiff:E2} over {parity.Clips} test clips; top-1 agrees on {same}/{parity.Clips}");

        // One test clip per class, written as predict reads it and classified from the file.
        string samples = Path.Combine(run, Samples);
        Directory.CreateDirectory(samples);
        foreach (int index in split.Test.DistinctBy(split.Clips.LabelOf).OrderBy(split.Clips.LabelOf))
        {
            string path = Path.Combine(samples, classes[(int)split.Clips.LabelOf(index)] + ".npy");
            VideoClipWriter.ToNpy(Read(index), path);
            predict(path);
        }

        Dictionary<string, double> evaluation = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(run, RunFiles.Evaluation)))!;
        int epochs = File.ReadLines(Path.Combine(run, "metrics.csv")).Skip(1).Count(l => l.Length > 0);
        var results = new RunResults(
            MotionClassifier.Info.Name,
            "[" + string.Join(", ", shape) + "]",
            parameters,
            classes,
            split.Train.Count,
            split.Validation.Count,
            split.Test.Count,
            epochs,
            trainSeconds,
            split.Train.Count * (double)epochs / trainSeconds,
            evaluation["test_accuracy"],
            confusion.PerClassAccuracy(),
            evaluation["test_still_frame_accuracy"],
            parity.MaxAbsDiff,
            parity.SameTop1,
            command);
        results.Save(run);
        Console.WriteLine();
        Console.Write(results.ToMarkdown());
        Console.WriteLine($"Results written to {Path.Combine(run, ResultsMarkdown)} and {Path.Combine(run, ResultsJson)}");
        return results;
    }
}
