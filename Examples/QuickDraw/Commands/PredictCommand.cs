using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Inference;
using Colors = ScottPlot.Colors;
using Plot = ScottPlot.Plot;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary><c>quickdraw predict</c>: classifies ndjson drawings with the exported model in ONNX Runtime.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder holding model.onnx (from export)", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") };
        var input = new Option<string>("--input") { Description = "ndjson file of drawings, or - for standard input", DefaultValueFactory = _ => "-" };
        var png = new Option<string?>("--png") { Description = "Also draw the first drawing with its prediction to this PNG" };
        var command = new Command("predict", "Top-3 labels with probabilities for each drawing (ONNX Runtime)") { run, input, png };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(input)!;
            using Stream stream = source == "-" ? Console.OpenStandardInput() : File.OpenRead(source);
            foreach (DrawingPrediction p in Execute(new RunFolder(parse.GetValue(run)!), stream, source, parse.GetValue(png)))
            {
                Console.WriteLine($"{p.Index}: " + string.Join("  ", p.Top.Select(t => $"{t.Label} {t.Probability:P1}")) + (p.Word is null ? string.Empty : $"   (labelled '{p.Word}')"));
            }

            return 0;
        });
        return command;
    }

    public static IReadOnlyList<DrawingPrediction> Execute(RunFolder run, Stream ndjson, string sourceName, string? pngPath = null)
    {
        RunSettings settings = run.Load();
        if (!File.Exists(run.Onnx))
        {
            throw new UserError($"{run.Onnx} is missing; export the run first: quickdraw export --run {run.Path}");
        }

        using var predictor = new OnnxPredictor(run.Onnx);
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { OneClassPerFile = false, DeduplicateKeyIds = false });
        var results = new List<DrawingPrediction>();
        foreach (Drawing drawing in reader.Read(ndjson, sourceName))
        {
            IReadOnlyList<OnnxPrediction> top;
            if (settings.Format == DataFormat.Strokes)
            {
                float[] features = SketchFeatures.Encode(SketchFeatures.Prepare(drawing, label: -1), settings.OffsetScale);
                long length = features.Length / SketchFeatures.FeatureCount;
                top = predictor.TopK(features, [1, length, SketchFeatures.FeatureCount], 3, [length])[0];
            }
            else
            {
                float[] pixels = StrokeRasterizer.Rasterize(drawing).Select(b => b / 255f).ToArray();
                top = predictor.TopK(pixels, [1, 1, 28, 28], 3)[0];
            }

            results.Add(new DrawingPrediction(results.Count, drawing.Word, top));
            if (results.Count == 1 && pngPath is not null)
            {
                Render(drawing, top[0], pngPath);
            }
        }

        if (reader.Report.BadRecords > 0)
        {
            Console.Error.WriteLine(reader.Report.ToString());
        }

        return results;
    }

    private static void Render(Drawing drawing, OnnxPrediction prediction, string path)
    {
        var plot = new Plot();
        foreach (Stroke stroke in drawing.Strokes)
        {
            var line = plot.Add.Scatter(stroke.X.Select(v => (double)v).ToArray(), stroke.Y.Select(v => -(double)v).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = 3;
            line.Color = Colors.Black;
        }

        plot.Title($"{prediction.Label} ({prediction.Probability:P0})");
        plot.Axes.SquareUnits();
        plot.HideGrid();
        plot.SavePng(path, 480, 480);
    }
}
