using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML.OnnxRuntime;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.Examples.QuickDraw.Serve;

/// <summary>
/// The exported stroke classifier of one run, loaded once and shared by every request: ONNX Runtime sessions are safe
/// to run from many threads at once. The preprocessing comes from the model's own metadata, so the server applies
/// exactly what training did, and so does the page in the browser.
/// </summary>
internal sealed class SketchModel : IDisposable
{
    private readonly OnnxPredictor predictor;

    // Preprocessing and inference are CPU-bound: one at a time per core, the rest wait their turn instead of
    // time-slicing (16 requests sharing 2 cores would each take 8 times as long, and the tail longer still).
    private readonly SemaphoreSlim cores = new(Environment.ProcessorCount);

    private SketchModel(string onnxPath, OnnxPredictor predictor, SketchPreprocessing preprocessing, string name)
    {
        OnnxPath = onnxPath;
        this.predictor = predictor;
        Preprocessing = preprocessing;
        Name = name;
    }

    /// <summary>The model file.</summary>
    public string OnnxPath { get; }

    /// <summary>The model's name in its spec.</summary>
    public string Name { get; }

    /// <summary>The class labels, in output order.</summary>
    public IReadOnlyList<string> Labels => predictor.Labels;

    /// <summary>The model's inputs.</summary>
    public IReadOnlyList<OnnxTensorSpec> Inputs => predictor.Inputs;

    /// <summary>The model's outputs.</summary>
    public IReadOnlyList<OnnxTensorSpec> Outputs => predictor.Outputs;

    /// <summary>The preprocessing recorded at export.</summary>
    public SketchPreprocessing Preprocessing { get; }

    /// <summary>Loads <c>model.onnx</c> from a run folder; every problem is a <see cref="UserError"/> that says how to fix it.</summary>
    public static SketchModel Load(string runFolder)
    {
        string onnx = Path.Combine(runFolder, RunFiles.Onnx);
        if (!Directory.Exists(runFolder))
        {
            throw new UserError($"--output '{runFolder}' does not exist; train and export a run first: quickdraw train --output {runFolder} && quickdraw export --output {runFolder}");
        }

        if (!File.Exists(onnx))
        {
            throw new UserError($"{onnx} is missing; export the run first: quickdraw export --output {runFolder}");
        }

        OnnxPredictor predictor;
        try
        {
            // One operator thread per request: concurrency comes from requests running side by side.
            predictor = new OnnxPredictor(onnx, new OnnxPredictorOptions { IntraOpThreads = 1 });
        }
        catch (Exception ex) when (ex is OnnxModelLoadException or OnnxRuntimeException or InvalidDataException or NotSupportedException)
        {
            throw new UserError($"{onnx} is not a model quickdraw export wrote ({FirstLine(ex.Message)}); export it again: quickdraw export --output {runFolder}");
        }

        try
        {
            SketchPreprocessing preprocessing = ReadPreprocessing(predictor, onnx, runFolder);
            CheckSignature(predictor, onnx);
            string name = predictor.Metadata.TryGetValue(OnnxMetadataKeys.ModelName, out string? n) ? n : Path.GetFileNameWithoutExtension(onnx);
            var model = new SketchModel(Path.GetFullPath(onnx), predictor, preprocessing, name);
            model.WarmUp();
            return model;
        }
        catch
        {
            predictor.Dispose();
            throw;
        }
    }

    /// <summary>The most likely labels for raw or simplified strokes, after the training preprocessing.</summary>
    /// <param name="strokes">The strokes (validated by the caller: finite, at least one point).</param>
    /// <param name="k">How many labels, at most.</param>
    /// <returns>The labels, most likely first, and the time spent preprocessing and in ONNX Runtime.</returns>
    public (IReadOnlyList<OnnxPrediction> Top, TimeSpan Preprocess, TimeSpan Inference) Predict(IReadOnlyList<Stroke> strokes, int k)
    {
        long start = Stopwatch.GetTimestamp();
        float[] features = Features(strokes);
        long length = features.Length / SketchFeatures.FeatureCount;
        TimeSpan preprocess = Stopwatch.GetElapsedTime(start);
        long inferenceStart = Stopwatch.GetTimestamp();
        IReadOnlyList<OnnxPrediction> top = predictor.TopK(features, [1, length, SketchFeatures.FeatureCount], Math.Min(k, Labels.Count), [length])[0];
        return (top, preprocess, Stopwatch.GetElapsedTime(inferenceStart));
    }

    /// <summary>
    /// <see cref="Predict"/> once a core is free; also returns how long the request waited for one.
    /// </summary>
    public async Task<(IReadOnlyList<OnnxPrediction> Top, TimeSpan Queue, TimeSpan Preprocess, TimeSpan Inference)> PredictAsync(IReadOnlyList<Stroke> strokes, int k, CancellationToken cancellation)
    {
        long start = Stopwatch.GetTimestamp();
        await cores.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            TimeSpan queue = Stopwatch.GetElapsedTime(start);
            (IReadOnlyList<OnnxPrediction> top, TimeSpan preprocess, TimeSpan inference) = Predict(strokes, k);
            return (top, queue, preprocess, inference);
        }
        finally
        {
            cores.Release();
        }
    }

    /// <summary>The model's input for strokes: row-major [time, 5], as <see cref="SketchFeatures"/> makes it for training.</summary>
    public float[] Features(IReadOnlyList<Stroke> strokes)
    {
        var drawing = new Drawing(string.Empty, string.Empty, DateTimeOffset.UnixEpoch, recognized: false, keyId: 0, strokes);
        return SketchFeatures.Encode(SketchFeatures.Prepare(drawing, label: -1), Preprocessing.OffsetScale);
    }

    public void Dispose()
    {
        predictor.Dispose();
        cores.Dispose();
    }

    // ONNX Runtime plans its kernels on the first run (tens of ms); the first visitor should not pay for it.
    private void WarmUp() => Predict([new Stroke([0f, 10f, 20f], [0f, 20f, 0f])], 1);

    /// <summary>The preprocessing recorded in model.onnx by <c>quickdraw export</c>; a model without it, or with one this build does not implement, is a <see cref="UserError"/>.</summary>
    internal static SketchPreprocessing ReadPreprocessing(OnnxPredictor predictor, string onnx, string runFolder)
    {
        if (!predictor.Metadata.TryGetValue(OnnxMetadataKeys.Preprocessing, out string? json))
        {
            throw new UserError(predictor.Metadata.TryGetValue(OnnxMetadataKeys.InputNormalization, out string? old) && old.StartsWith("bitmap", StringComparison.Ordinal)
                ? $"{onnx} is a bitmap model; serve draws strokes, so serve a stroke run (quickdraw train --model SketchClassifier)"
                : $"{onnx} does not record its preprocessing (exported by an older build); export it again: quickdraw export --output {runFolder}");
        }

        SketchPreprocessing? preprocessing;
        try
        {
            preprocessing = JsonSerializer.Deserialize(json, QuickDrawJsonContext.Default.SketchPreprocessing);
        }
        catch (JsonException ex)
        {
            throw new UserError($"{onnx}: metadata '{OnnxMetadataKeys.Preprocessing}' is not valid ({ex.Message}); export it again: quickdraw export --output {runFolder}");
        }

        string? problem = preprocessing is null ? "it is empty" : preprocessing.Incompatibility();
        return problem is null
            ? preprocessing!
            : throw new UserError($"{onnx} cannot be served by this build: {problem}; export it again with this build: quickdraw export --output {runFolder}");
    }

    private static void CheckSignature(OnnxPredictor predictor, string onnx)
    {
        OnnxTensorSpec? main = predictor.Inputs.FirstOrDefault(i => i.ElementType == Runtime.Export.OnnxElementType.Float);
        bool lengths = predictor.Inputs.Any(i => i.ElementType == Runtime.Export.OnnxElementType.Int64);
        if (main is null || main.Rank != 3 || main.Dims[2].Size != SketchFeatures.FeatureCount || !lengths || predictor.Labels.Count == 0)
        {
            throw new UserError($"{onnx} is not a stroke classifier with labels (inputs {string.Join(", ", predictor.Inputs.Select(i => i.Name + " " + i.ShapeText))}; {predictor.Labels.Count} labels); export a stroke run: quickdraw export --output <run>");
        }
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
