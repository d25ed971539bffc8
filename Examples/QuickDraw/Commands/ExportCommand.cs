using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>
/// <c>quickdraw export</c>: writes model.onnx with the labels and checks it against TorchSharp on the test split (for a
/// run trained from a prepared cache, on <see cref="CacheParityBatches"/> random batches of the cache's test split).
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--output") { Description = "Run folder written by train", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") }.NotBlank();
        var command = new Command("export", "Export the trained model to ONNX and check ONNX Runtime against TorchSharp") { run };
        command.SetAction(parse =>
        {
            ExportParity parity = Execute(new RunFolder(parse.GetValue(run)!), Console.Out);
            Console.WriteLine($"Wrote {parity.Path}: max |TorchSharp - ONNX Runtime| = {parity.MaxAbsDiff:E2} over {parity.Drawings} test drawings; top-1 agrees on {parity.SameTop1}/{parity.Drawings}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The largest logit difference between TorchSharp and ONNX Runtime that counts as the same model.</summary>
    public const double ParityTolerance = 1e-3;

    /// <summary>Test batches (of 64) the parity check reads from a run trained on a prepared cache.</summary>
    public const int CacheParityBatches = 32;

    public static ExportParity Execute(RunFolder run, TextWriter? log = null)
    {
        RunSettings settings = run.Load();
        run.RequireWeights();
        OutputLocation.EnsureWritableFolder(run.Path, "--output");
        using nn.Module<Tensor, Tensor> model = RunData.CreateModel(settings);
        ModelWeights.Load(model, run.Weights);
        ExportChecks.EnsureFiniteWeights(model);
        model.eval();
        using RunLoaders data = EvaluateCommand.LoadTest(settings, log);

        if (model is SketchClassifier sketch)
        {
            SketchExport.Write(sketch, settings.Categories, settings.OffsetScale, run.Onnx);
        }
        else
        {
            OnnxGraphBuilder onnx = ((BitmapClassifier)model).ToOnnx();
            onnx.SetLabels(settings.Categories);
            onnx.SetMetadata(OnnxMetadataKeys.InputNormalization, "bitmap: uint8 / 255, [1, 28, 28]");
            onnx.Save(run.Onnx);
        }

        IBatchLoader test = data.Evaluate;
        using var predictor = new OnnxPredictor(run.Onnx);
        double maxDiff = 0;
        long drawings = 0, same = 0;
        // A cache's test split can hold millions of drawings: parity is checked on a seeded random sample of it.
        IEnumerable<Batch> batches = settings.Cache is null
            ? test.GetBatches(null)
            : test.GetBatches(new ShuffleRandom(settings.Seed)).Take(CacheParityBatches);
        foreach (Batch batch in batches)
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

        if (!(maxDiff <= ParityTolerance))
        {
            throw new InvalidOperationException($"ONNX Runtime disagrees with TorchSharp on {run.Onnx}: max |difference| {maxDiff:E2} over {drawings} test drawings (tolerance {ParityTolerance:E0}); the exporter mishandles this model");
        }

        return new ExportParity(run.Onnx, maxDiff, drawings, same);
    }
}
