using System;
using System.CommandLine;
using System.IO;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary><c>video export</c>: writes model.onnx with the class names and checks ONNX Runtime against TorchSharp on the held-out clips.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by train", DefaultValueFactory = _ => Path.Combine("runs", "video") }.NotBlank();
        var command = new Command("export", "Export the trained model to ONNX and check ONNX Runtime against TorchSharp on the held-out clips") { run };
        command.SetAction(parse =>
        {
            Print(Execute(new RunFolder(parse.GetValue(run)!)), Console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Print(ExportParity parity, TextWriter output) =>
        output.WriteLine($"Wrote {parity.Path}: max |TorchSharp - ONNX Runtime| logit difference {parity.MaxAbsDiff:E2} over {parity.Clips} held-out clips; top-1 agrees on {parity.SameTop1}/{parity.Clips}");

    public static ExportParity Execute(RunFolder run)
    {
        RunSettings settings = run.Load();
        run.RequireWeights();
        using MotionClassifier model = ClipModel.Create(settings);
        QuickDrawDsl.Runtime.Training.Checkpoints.ModelWeights.Load(model, run.Weights);
        ExportChecks.EnsureFiniteWeights(model);
        OutputLocation.EnsureWritableFolder(run.Path, "--run");
        model.eval();

        OnnxGraphBuilder onnx = model.ToOnnx();
        onnx.SetLabels(settings.Classes);
        onnx.SetMetadata(OnnxMetadataKeys.InputNormalization, $"clip {ModelInput.Text} (channels, frames, height, width), float32 in [0, 1] (8-bit pixels / 255)");
        onnx.Save(run.Onnx);

        using var predictor = new OnnxPredictor(run.Onnx);
        double maxDiff = 0;
        long clips = 0, same = 0;
        foreach (Batch batch in ClipModel.Loader(ClipSets.LoadTest(settings), 64, shuffle: false).GetBatches(null))
        {
            using var scope = NewDisposeScope();
            using (batch)
            {
                Tensor expected = EvaluateCommand.Logits(model, batch);
                Tensor actual = predictor.Predict(batch.Inputs);
                maxDiff = Math.Max(maxDiff, (expected - actual).abs().max().item<float>());
                same += expected.argmax(1).eq(actual.argmax(1)).sum().item<long>();
                clips += batch.Count;
            }
        }

        return new ExportParity(run.Onnx, maxDiff, clips, same);
    }
}
