using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Examples.QuickDraw.Serve;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Training;
using Colors = ScottPlot.Colors;
using Plot = ScottPlot.Plot;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>
/// <c>quickdraw predict</c>: classifies ndjson drawings with the run's exported <c>model.onnx</c> in ONNX Runtime, one
/// result line per input line as soon as it is read (a pipe is answered line by line), keyed by the input's line
/// number. The preprocessing comes from the model's metadata, as in <c>serve</c>, so both rank a drawing alike. It
/// replaces the generated <c>predict</c>, which runs the TorchSharp weights over a file.
/// </summary>
internal static class PredictCommand
{
    /// <summary>Labels printed a drawing by default.</summary>
    public const int DefaultTop = 3;

    public static Command Create()
    {
        var run = new Option<string>("--output") { Description = "Run folder holding model.onnx (from export)", DefaultValueFactory = _ => QuickDrawExperiment.RunFolder }.NotBlank();
        var input = new Option<string>("--input") { Description = "ndjson file of drawings, or - for standard input", DefaultValueFactory = _ => "-" }.NotBlank();
        var top = new Option<int>("--top") { Description = $"Labels to print a drawing (at most the class count; default {DefaultTop}, fewer when the model has fewer classes)" }.AtLeast(1);
        var png = new Option<string?>("--png") { Description = "Also draw the first drawing with its prediction to this PNG" };
        var device = new Option<DeviceChoice>("--device") { Description = "cpu, or cuda for ONNX Runtime's CUDA provider (falls back to the CPU, with a line saying why, where CUDA is missing)", DefaultValueFactory = _ => DeviceChoice.Cpu };
        var command = new Command("predict", "Top labels with probabilities for each drawing, with the exported model in ONNX Runtime") { run, input, top, png, device };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(input)!;
            string? pngPath = parse.GetValue(png);
            if (source != "-")
            {
                OutputLocation.EnsureReadableFile(source, "--input", "an ndjson file of drawings, or - for standard input");
            }

            if (pngPath is not null)
            {
                OutputLocation.EnsureWritableFile(pngPath, "--png");
            }

            int? k = parse.GetResult(top) is { Implicit: false } ? parse.GetValue(top) : null;
            using Stream stream = source == "-" ? Console.OpenStandardInput() : File.OpenRead(source);
            var options = new OnnxPredictorOptions { UseGpu = parse.GetValue(device) != DeviceChoice.Cpu, Log = Console.Error };
            Execute(parse.GetValue(run)!, stream, source == "-" ? "stdin" : source, pngPath, k, p => Console.WriteLine(Format(p)), options);
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
    public static IReadOnlyList<DrawingPrediction> Execute(string runFolder, Stream ndjson, string sourceName, string? pngPath = null)
    {
        var results = new List<DrawingPrediction>();
        Execute(runFolder, ndjson, sourceName, pngPath, top: null, results.Add);
        return results;
    }

    /// <summary>
    /// Hands <paramref name="emit"/> one result per input record as soon as its line is read: the top labels, or why the
    /// line was skipped. Empty input, and input of which no line is a drawing, are user errors.
    /// </summary>
    /// <param name="runFolder">The run folder holding model.onnx.</param>
    /// <param name="ndjson">The drawings, one a line.</param>
    /// <param name="sourceName">The input's name in messages.</param>
    /// <param name="pngPath">Where to draw the first drawing, or null.</param>
    /// <param name="top">Labels a drawing (at most the class count), or null for min(3, classes).</param>
    /// <param name="emit">Receives each result.</param>
    /// <param name="options">ONNX Runtime's options.</param>
    public static void Execute(string runFolder, Stream ndjson, string sourceName, string? pngPath, int? top, Action<DrawingPrediction> emit, OnnxPredictorOptions? options = null)
    {
        string onnx = Path.Combine(runFolder, RunFiles.Onnx);
        if (!File.Exists(onnx))
        {
            throw new UserError($"{onnx} is missing; export the run first: quickdraw export --output {runFolder}");
        }

        OnnxPredictor predictor;
        try
        {
            predictor = new OnnxPredictor(onnx, options);
        }
        catch (OnnxModelLoadException ex)
        {
            throw new UserError($"{ex.Message.TrimEnd('.')}; export it again: quickdraw export --output {runFolder}", ex);
        }

        using (predictor)
        {
            Func<Drawing, int, IReadOnlyList<OnnxPrediction>> classify = Classifier(predictor, onnx, runFolder);
            int classes = predictor.Labels.Count;
            if (top > classes)
            {
                throw new UserError($"--top {top} is more than the {classes} classes of {onnx}; use at most {classes}");
            }

            int k = top ?? Math.Min(DefaultTop, classes);
            var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { OneClassPerFile = false, DeduplicateKeyIds = false, RequireMetadata = false });
            long predicted = 0;
            foreach (RecordOutcome<Drawing> outcome in reader.ReadRecords(ndjson, sourceName))
            {
                if (outcome.Value is not Drawing drawing)
                {
                    emit(new DrawingPrediction(outcome.Position, null, [], outcome.Rejection));
                    continue;
                }

                IReadOnlyList<OnnxPrediction> best = classify(drawing, k);
                if (predicted++ == 0 && pngPath is not null)
                {
                    Render(drawing, best[0], pngPath);
                }

                emit(new DrawingPrediction(outcome.Position, string.IsNullOrEmpty(drawing.Word) ? null : drawing.Word, best, null));
            }

            DataReadReport report = reader.Report;
            if (report.RecordsRead == 0)
            {
                throw new UserError($"{sourceName} holds no drawing (it is empty{(report.BlankLinesSkipped > 0 ? " but for blank lines" : string.Empty)}); give QuickDraw ndjson, one drawing per line, e.g. a line of one of Google's <category>.ndjson files");
            }

            if (predicted == 0)
            {
                throw new UserError($"none of the {report.RecordsRead} record(s) of {sourceName} is a QuickDraw drawing ({DataQualityPolicy.Summary(report)}; see the lines above); predict reads ndjson, one drawing per line as in Google's files");
            }
        }
    }

    // The model's input from its metadata: strokes with the recorded preprocessing, or a 28 × 28 bitmap.
    private static Func<Drawing, int, IReadOnlyList<OnnxPrediction>> Classifier(OnnxPredictor predictor, string onnx, string runFolder)
    {
        if (predictor.Labels.Count == 0)
        {
            throw new UserError($"{onnx} records no class labels, so it is not a model quickdraw export wrote; export it again: quickdraw export --output {runFolder}");
        }

        if (predictor.Metadata.TryGetValue(OnnxMetadataKeys.InputNormalization, out string? normalization) && normalization.StartsWith("bitmap", StringComparison.Ordinal))
        {
            return (drawing, k) => predictor.TopK(StrokeRasterizer.Rasterize(drawing).Select(b => b / 255f).ToArray(), [1, 1, 28, 28], k)[0];
        }

        SketchPreprocessing preprocessing = SketchModel.ReadPreprocessing(predictor, onnx, runFolder);
        return (drawing, k) =>
        {
            float[] features = SketchFeatures.Encode(SketchFeatures.Prepare(drawing, label: -1), preprocessing.OffsetScale);
            long length = features.Length / SketchFeatures.FeatureCount;
            return predictor.TopK(features, [1, length, SketchFeatures.FeatureCount], k, [length])[0];
        };
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
