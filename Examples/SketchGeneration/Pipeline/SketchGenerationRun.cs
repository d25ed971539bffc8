using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// The whole example: read and prepare the drawings, train the autoencoder, score it and the baselines on the
/// held-out drawings, draw reconstructions, random samples and interpolations, export the decoder to ONNX and check
/// it against TorchSharp, and write the results.
/// </summary>
internal static class SketchGenerationRun
{
    /// <summary>Held-out drawings shown in reconstructions.png.</summary>
    public const int ShownReconstructions = 24;

    /// <summary>Random latents decoded into samples.png.</summary>
    public const int ShownSamples = 24;

    private const int InterpolationSteps = 8;
    private const int InterpolationRows = 4;

    /// <summary>Runs everything and writes the run folder.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="log">Progress and results output.</param>
    /// <returns>What was measured and written.</returns>
    /// <exception cref="UserError">The data is missing or too small.</exception>
    public static RunResult Execute(RunOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        TrainingSettings settings = options.Training;
        using SketchCorpus corpus = SketchCorpus.Load(options.DataFile, options.TrainCount, options.TestCount, options.MaxBadFraction);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Data: {corpus.File}: {corpus.Train.Count} training + {corpus.Test.Count} held-out drawings, each resampled to {SketchEncoding.Points} points; offset scale {corpus.Scale:F4} ({corpus.Report})"));

        torch.random.manual_seed(settings.Seed);
        using var model = new SketchAutoencoder(settings.Decoder, variational: settings.KlWeight > 0);
        log.WriteLine($"Encoder (seq2vec, {SketchEncoder.Info.SourceFile}, {SketchEncoder.ParameterCount:N0} parameters); decoder {settings.Decoder} (vec2seq, {DecoderInfo(settings.Decoder)})");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training {settings.Epochs} epochs, batch {settings.BatchSize}, AdamW {settings.LearningRate:G3} cosine, KL weight {settings.KlWeight:G3} (free bits {settings.FreeBits:G3}), pen weight {settings.PenWeight:G3}, seed {settings.Seed}"));

        var clock = Stopwatch.StartNew();
        IReadOnlyList<EpochRecord> history = SketchTraining.Fit(model, corpus, settings, r => log.WriteLine(EpochLine(r)));
        double trainSeconds = clock.Elapsed.TotalSeconds;

        Directory.CreateDirectory(options.Output);
        var files = new List<string>();
        string weights = Path.Combine(options.Output, "model.bin");
        QuickDrawDsl.Runtime.Training.Checkpoints.ModelWeights.Save(model, weights);
        files.Add(weights);

        ReconstructionMetrics modelMetrics = history[^1].Test;
        IReadOnlyList<BaselineResult> baselines = ScoreBaselines(corpus, settings.PenWeight);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor testLatents = model.Encode(corpus.Test.Features).Mean;
        Tensor reconstructions = model.Decode(testLatents);
        var generator = new Generator((ulong)settings.Seed);
        Tensor randomLatents = randn(new long[] { ShownSamples, SketchAutoencoder.LatentSize }, generator: generator);
        Tensor samples = model.Decode(randomLatents);
        Tensor meanDrawing = corpus.Train.PointRows.mean(new long[] { 0 }, keepdim: true);
        double sampleSpread = (samples[.., .., ..2] - meanDrawing[.., .., ..2]).mul(corpus.Scale).pow(2).sum(-1).sqrt().mean().item<float>();

        files.Add(RenderReconstructions(options.Output, corpus, reconstructions));
        files.Add(RenderSamples(options.Output, samples, corpus.Scale));
        files.Add(RenderInterpolations(options.Output, model, corpus, testLatents));

        string onnx = Path.Combine(options.Output, "decoder.onnx");
        model.DecoderToOnnx().Save(onnx);
        files.Add(onnx);
        double onnxDiff = OnnxParity(onnx, model, testLatents, randomLatents);

        var result = new RunResult(options, corpus.Train.Count, corpus.Test.Count, corpus.Scale, history, modelMetrics, baselines, sampleSpread, onnxDiff, trainSeconds, files);
        files.AddRange(ResultsWriter.Write(options.Output, result));
        log.WriteLine();
        log.Write(ResultsWriter.Table(result));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Random latents from N(0, I): decoded drawings lie {100 * sampleSpread:F1} % of a drawing's size from the mean drawing on average."));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ONNX: {onnx}: max |TorchSharp - ONNX Runtime| = {onnxDiff:E2} over {corpus.Test.Count + ShownSamples} latents."));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training took {trainSeconds:F0} s. Wrote {string.Join(", ", files.Select(Path.GetFileName))} to {options.Output}"));
        return result;
    }

    /// <summary>One progress line per epoch.</summary>
    /// <param name="r">The epoch.</param>
    /// <returns>The line.</returns>
    public static string EpochLine(EpochRecord r) => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {r.Epoch,3}  train loss {r.TrainLoss:F3}  KL {r.TrainKl:F3}  |  held-out loss {r.Test.Loss:F3}{(r.TestTeacherForcedLoss is double tf ? $" (teacher-forced {tf:F3})" : string.Empty)}  point error {100 * r.Test.PointError:F1} %  pen-lift F1 {r.Test.PenLiftF1:F3}  ({r.Seconds:F1} s)");

    private static string DecoderInfo(DecoderKind kind) => kind switch
    {
        DecoderKind.Repeat => $"{SketchDecoder.Info.SourceFile}, {SketchDecoder.ParameterCount:N0} parameters",
        DecoderKind.Conditioned or DecoderKind.ConditionedFreeRunning => $"{SketchConditionedDecoder.Info.SourceFile}, {SketchConditionedDecoder.ParameterCount:N0} parameters",
        _ => $"{SketchFeedbackDecoder.Info.SourceFile}, {SketchFeedbackDecoder.ParameterCount:N0} parameters",
    };

    private static List<BaselineResult> ScoreBaselines(SketchCorpus corpus, double penWeight)
    {
        Tensor train = corpus.Train.PointRows;
        Tensor test = corpus.Test.PointRows;
        using Tensor pca = Baselines.Pca(train, test, SketchAutoencoder.LatentSize);
        using Tensor nearest = Baselines.NearestTraining(train, test);
        using Tensor mean = Baselines.MeanDrawing(train, corpus.Test.Count);
        return
        [
            new BaselineResult($"PCA, {SketchAutoencoder.LatentSize} components (linear autoencoder)", ReconstructionMetrics.Of(pca, test, corpus.Scale, penWeight)),
            new BaselineResult("nearest training drawing (oracle lookup)", ReconstructionMetrics.Of(nearest, test, corpus.Scale, penWeight)),
            new BaselineResult("mean training drawing", ReconstructionMetrics.Of(mean, test, corpus.Scale, penWeight)),
        ];
    }

    private static string RenderReconstructions(string folder, SketchCorpus corpus, Tensor reconstructions)
    {
        int shown = Math.Min(ShownReconstructions, corpus.Test.Count);
        var cells = new List<SketchCell>();
        for (int i = 0; i < shown; i++)
        {
            cells.Add(new SketchCell(corpus.Test.Sequences[i], Original: true));
            cells.Add(new SketchCell(Drawing(reconstructions[i], corpus.Scale), Original: false));
        }

        string path = Path.Combine(folder, "reconstructions.png");
        SketchRenderer.Save(path, cells, 8, $"First {shown} held-out drawings (black) and their reconstructions (blue)");
        return path;
    }

    private static string RenderSamples(string folder, Tensor samples, float scale)
    {
        var cells = Enumerable.Range(0, (int)samples.shape[0]).Select(i => new SketchCell(Drawing(samples[i], scale), Original: false)).ToList();
        string path = Path.Combine(folder, "samples.png");
        SketchRenderer.Save(path, cells, 8, "Decoded random latents z ~ N(0, I)");
        return path;
    }

    private static string RenderInterpolations(string folder, SketchAutoencoder model, SketchCorpus corpus, Tensor latents)
    {
        var cells = new List<SketchCell>();
        int rows = Math.Min(InterpolationRows, corpus.Test.Count / 2);
        for (int r = 0; r < rows; r++)
        {
            int a = 2 * r;
            int b = (2 * r) + 1;
            Tensor t = linspace(0, 1, InterpolationSteps).unsqueeze(1);
            Tensor path = model.Decode((latents[a].unsqueeze(0) * (1 - t)) + (latents[b].unsqueeze(0) * t));
            cells.Add(new SketchCell(corpus.Test.Sequences[a], Original: true));
            cells.AddRange(Enumerable.Range(0, InterpolationSteps).Select(i => new SketchCell(Drawing(path[i], corpus.Scale), Original: false)));
            cells.Add(new SketchCell(corpus.Test.Sequences[b], Original: true));
        }

        string file = Path.Combine(folder, "interpolations.png");
        SketchRenderer.Save(file, cells, InterpolationSteps + 2, "Interpolating between the latents of two held-out drawings (black, at the ends)");
        return file;
    }

    private static Stroke3Sequence Drawing(Tensor rows, float scale) => SketchEncoding.FromPoints(rows.contiguous().data<float>().ToArray(), scale);

    private static double OnnxParity(string path, SketchAutoencoder model, params Tensor[] latents)
    {
        using var predictor = new OnnxPredictor(path);
        double max = 0;
        foreach (Tensor z in latents)
        {
            using Tensor expected = model.Decode(z);
            using Tensor actual = predictor.Predict(z);
            max = Math.Max(max, (expected - actual).abs().max().item<float>());
        }

        return max;
    }
}
