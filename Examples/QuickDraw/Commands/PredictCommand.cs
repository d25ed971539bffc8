using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Training;
using Colors = ScottPlot.Colors;
using Plot = ScottPlot.Plot;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>
/// <c>quickdraw predict</c>: classifies ndjson drawings with the exported model in ONNX Runtime, one result line per
/// input line as soon as it is read (a pipe is answered line by line), keyed by the input's line number.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--output") { Description = "Run folder holding model.onnx (from export)", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") }.NotBlank();
        var input = new Option<string>("--input") { Description = "ndjson file of drawings, or - for standard input", DefaultValueFactory = _ => "-" }.NotBlank();
        var png = new Option<string?>("--png") { Description = "Also draw the first drawing with its prediction to this PNG" };
        var device = new Option<DeviceChoice>("--device") { Description = "cpu, or cuda for ONNX Runtime's CUDA provider (falls back to the CPU, with a line saying why, where CUDA is missing)", DefaultValueFactory = _ => DeviceChoice.Cpu };
        var command = new Command("predict", "Top-3 labels with probabilities for each drawing (ONNX Runtime)") { run, input, png, device };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(input)!;
            string? pngPath = parse.GetValue(png);
            var folder = new RunFolder(parse.GetValue(run)!);
            if (source != "-")
            {
                OutputLocation.EnsureReadableFile(source, "--input", "an ndjson file of drawings, or - for standard input");
            }

            if (pngPath is not null)
            {
                OutputLocation.EnsureWritableFile(pngPath, "--png");
            }

            using Stream stream = source == "-" ? Console.OpenStandardInput() : File.OpenRead(source);
            var options = new OnnxPredictorOptions { UseGpu = parse.GetValue(device) != DeviceChoice.Cpu, Log = Console.Error };
            Execute(folder, stream, source == "-" ? "stdin" : source, pngPath, p => Console.WriteLine(Format(p)), options);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One output line: <c>line: label p  label p  label p</c>, or <c>line: skipped: Kind: reason</c>.</summary>
    public static string Format(DrawingPrediction p) =>
        p.Rejection is { } bad
            ? $"{p.Line}: skipped: {bad.Kind}: {OneLine.Of(bad.Reason)}"
            : string.Create(CultureInfo.InvariantCulture, $"{p.Line}: ") + string.Join("  ", p.Top.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Label} {t.Probability:P1}"))) + (p.Word is null ? string.Empty : $"   (labelled '{p.Word}')");

    /// <summary>Classifies every drawing of <paramref name="ndjson"/> and returns the results (see the streaming overload).</summary>
    public static IReadOnlyList<DrawingPrediction> Execute(RunFolder run, Stream ndjson, string sourceName, string? pngPath = null)
    {
        var results = new List<DrawingPrediction>();
        Execute(run, ndjson, sourceName, pngPath, results.Add);
        return results;
    }

    /// <summary>
    /// Hands <paramref name="emit"/> one result per input record as soon as its line is read: the top min(3, classes)
    /// labels, or why the line was skipped. Empty input, and input of which no line is a drawing, are user errors.
    /// </summary>
    public static void Execute(RunFolder run, Stream ndjson, string sourceName, string? pngPath, Action<DrawingPrediction> emit, OnnxPredictorOptions? options = null)
    {
        RunSettings settings = run.Load();
        run.RequireOnnx();
        OnnxPredictor predictor;
        try
        {
            predictor = new OnnxPredictor(run.Onnx, options);
        }
        catch (OnnxModelLoadException ex)
        {
            throw new UserError($"{ex.Message.TrimEnd('.')}; export it again: quickdraw export --output {run.Path}", ex);
        }

        using (predictor)
        {
            int k = Math.Min(3, Math.Max(1, predictor.Labels.Count > 0 ? predictor.Labels.Count : settings.Categories.Count));
            var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { OneClassPerFile = false, DeduplicateKeyIds = false });
            long predicted = 0;
            foreach (RecordOutcome<Drawing> outcome in reader.ReadRecords(ndjson, sourceName))
            {
                if (outcome.Value is not Drawing drawing)
                {
                    emit(new DrawingPrediction(outcome.Position, null, [], outcome.Rejection));
                    continue;
                }

                IReadOnlyList<OnnxPrediction> top = Classify(predictor, settings, drawing, k);
                if (predicted++ == 0 && pngPath is not null)
                {
                    Render(drawing, top[0], pngPath);
                }

                emit(new DrawingPrediction(outcome.Position, drawing.Word, top, null));
            }

            DataReadReport report = reader.Report;
            if (report.RecordsRead == 0)
            {
                throw new UserError($"{sourceName} holds no drawing (it is empty{(report.BlankLinesSkipped > 0 ? " but for blank lines" : string.Empty)}); give QuickDraw ndjson, one drawing per line, e.g. --input {Path.Combine(settings.Data, settings.Categories[0] + ".ndjson")}");
            }

            if (predicted == 0)
            {
                throw new UserError($"none of the {report.RecordsRead} record(s) of {sourceName} is a QuickDraw drawing ({DataQualityPolicy.Summary(report)}; see the lines above); predict reads ndjson, one drawing per line as in Google's files");
            }
        }
    }

    private static IReadOnlyList<OnnxPrediction> Classify(OnnxPredictor predictor, RunSettings settings, Drawing drawing, int k)
    {
        if (settings.Format == DataFormat.Strokes)
        {
            float[] features = SketchFeatures.Encode(SketchFeatures.Prepare(drawing, label: -1), settings.OffsetScale);
            long length = features.Length / SketchFeatures.FeatureCount;
            return predictor.TopK(features, [1, length, SketchFeatures.FeatureCount], k, [length])[0];
        }

        float[] pixels = StrokeRasterizer.Rasterize(drawing).Select(b => b / 255f).ToArray();
        return predictor.TopK(pixels, [1, 1, 28, 28], k)[0];
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
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        plot.SavePng(full, 480, 480);
    }
}
