using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary><c>quickdraw export</c>: writes model.onnx with the labels and checks it against TorchSharp on the test split.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by train", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") };
        var command = new Command("export", "Export the trained model to ONNX and check ONNX Runtime against TorchSharp") { run };
        command.SetAction(parse =>
        {
            ExportParity parity = Execute(new RunFolder(parse.GetValue(run)!));
            Console.WriteLine($"Wrote {parity.Path}: max |TorchSharp - ONNX Runtime| = {parity.MaxAbsDiff:E2} over {parity.Drawings} test drawings; top-1 agrees on {parity.SameTop1}/{parity.Drawings}");
            return 0;
        });
        return command;
    }

    public static ExportParity Execute(RunFolder run)
    {
        RunSettings settings = run.Load();
        using nn.Module<Tensor, Tensor> model = RunData.CreateModel(settings);
        model.load(run.Weights);
        model.eval();

        OnnxGraphBuilder onnx = model switch
        {
            SketchClassifier s => s.ToOnnx(withLengths: true),
            BitmapClassifier b => b.ToOnnx(),
            _ => throw new InvalidOperationException("unknown model"),
        };
        onnx.SetLabels(settings.Categories);
        onnx.SetMetadata(OnnxMetadataKeys.InputNormalization, settings.Format == DataFormat.Strokes
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"strokes: raw drawings through {QuickDrawSimplification.Name}; RDP-simplified to <= {SketchFeatures.MaxPoints} points, centred, longer side scaled to [-1, 1]; features (dx / {settings.OffsetScale:R}, dy / {settings.OffsetScale:R}, pen_lift, x, y)")
            : "bitmap: uint8 / 255, [1, 28, 28]");
        if (settings.Format == DataFormat.Strokes)
        {
            onnx.SetMetadata(OnnxMetadataKeys.Preprocessing, JsonSerializer.Serialize(SketchPreprocessing.Current(settings.OffsetScale), QuickDrawJsonContext.Default.SketchPreprocessing));
        }

        onnx.Save(run.Onnx);

        (_, IBatchLoader test, _) = RunData.Loaders(settings, batchSize: 64);
        using var predictor = new OnnxPredictor(run.Onnx);
        double maxDiff = 0;
        long drawings = 0, same = 0;
        foreach (Batch batch in test.GetBatches(null))
        {
            using var scope = NewDisposeScope();
            using (batch)
            using (no_grad())
            {
                Tensor expected = EvaluateCommand.Predict(model, batch);
                Tensor actual = predictor.Predict(batch.Inputs, batch.Lengths);
                maxDiff = Math.Max(maxDiff, (expected - actual).abs().max().item<float>());
                same += expected.argmax(1).eq(actual.argmax(1)).sum().item<long>();
                drawings += batch.Count;
            }
        }

        return new ExportParity(run.Onnx, maxDiff, drawings, same);
    }
}
