using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Benchmarks.Data;
using QuickDrawDsl.Examples.Archetypes;
using QuickDrawDsl.Examples.QuickDraw;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Benchmarks.Training;

/// <summary>
/// Training throughput of the flagship <see cref="SketchClassifier"/> on the shared QuickDraw drawings, on one and two
/// threads, for several ways of batching; the achieved GFLOP/s (real, unpadded steps only: <see cref="ModelFlops"/>)
/// is set against a square matmul measured on the same thread count. Prints Markdown tables.
/// </summary>
public static class TrainingThroughput
{
    private static readonly int FixedLength = SketchFeatures.MaxPoints;

    /// <summary>Runs every configuration and writes the tables to <paramref name="output"/>.</summary>
    /// <param name="output">Where the tables go.</param>
    /// <param name="epochs">Timed epochs per configuration, after one warm-up epoch.</param>
    /// <param name="batchSizes">Batch sizes to measure.</param>
    /// <param name="threadCounts">libtorch thread counts to measure.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(TextWriter output, int epochs, IReadOnlyList<int> batchSizes, IReadOnlyList<int> threadCounts)
    {
        TorchNative.EnsureLoaded();
        (List<SketchSample> samples, int classes, float offsetScale) = LoadShared();
        var features = samples.Select(s => SketchFeatures.Encode(s, offsetScale)).ToList();
        var flops = new ModelFlops(SketchClassifier.Info);
        double flopsPerEpoch = samples.Sum(s => (double)flops.TrainingFlops(s.Length));
        long realSteps = samples.Sum(s => (long)s.Length);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SketchClassifier ({classes} classes), {samples.Count:N0} shared drawings, {realSteps:N0} real steps (median {Median(samples.Select(s => s.Length))} points), {flopsPerEpoch / 1e9:F1} GFLOP per training epoch; {epochs} timed epochs after 1 warm-up, AdamW + clipping as the flagship trains."));
        output.WriteLine();

        // The limit: a large square product. For scale: the product one GRU step makes, [B, H] @ [H, 3H], per batch size.
        var peaks = new Dictionary<int, double>();
        int hidden = SketchClassifierUnits();
        output.WriteLine($"| threads | matmul 1024 x 1024 x 1024 (limit) | {string.Join(" | ", batchSizes.Select(b => $"GRU step [{b}, {hidden}] x [{hidden}, {3 * hidden}]"))} |");
        output.WriteLine($"|---:|---:|{string.Concat(batchSizes.Select(_ => "---:|"))}");
        foreach (int threads in threadCounts)
        {
            torch.set_num_threads(threads);
            (double best, double median) = MatmulPeak.Measure(1024, 1024, 1024);
            peaks[threads] = best;
            var steps = batchSizes.Select(b => MatmulPeak.Measure(b, hidden, 3 * hidden).Best);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {threads} | {best:F1} GFLOP/s (median {median:F1}) | {string.Join(" | ", steps.Select(g => $"{g:F1} ({100 * g / best:F0}%)"))} |"));
        }

        output.WriteLine();
        output.WriteLine("| batching | batch | threads | samples/s | GFLOP/s (real steps) | % of matmul | padded / real steps |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (int batchSize in batchSizes)
        {
            foreach (Batching batching in Enum.GetValues<Batching>())
            {
                foreach (int threads in threadCounts)
                {
                    torch.set_num_threads(threads);
                    (double seconds, long paddedSteps) = TimeEpochs(() => new SketchClassifier(new SketchClassifierOptions { Classes = classes }), SketchFeatures.FeatureCount, features, samples, batching, batchSize, epochs);
                    double gflops = flopsPerEpoch * epochs / seconds / 1e9;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {Describe(batching)} | {batchSize} | {threads} | {samples.Count * epochs / seconds:N0} | {gflops:F1} | {100 * gflops / peaks[threads]:F0}% | {(double)paddedSteps / realSteps:F2} |"));
                }
            }
        }

        OneDirection(output, samples, features, epochs, batchSizes, threadCounts, peaks);
        return 0;
    }

    // The Conv1D + LSTM archetype (one direction, stride-2 convolutions) on (dx, dy, pen lift): the same drawings with
    // lengths.
    private static void OneDirection(TextWriter output, List<SketchSample> samples, List<float[]> features, int epochs, IReadOnlyList<int> batchSizes, IReadOnlyList<int> threadCounts, Dictionary<int, double> peaks)
    {
        const int StrokeFeatures = 3;
        var strokes = features.Select(f => FirstFeatures(f, SketchFeatures.FeatureCount, StrokeFeatures)).ToList();
        var flops = new ModelFlops(QuickDrawClassifier.Info);
        double flopsPerEpoch = samples.Sum(s => (double)flops.TrainingFlops(s.Length));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"QuickDrawClassifier archetype (Conv1D x 3, stride 2, + LSTM 128 x 2, {QuickDrawClassifier.ParameterCount:N0} parameters) on (dx, dy, pen lift) of the same drawings, {flopsPerEpoch / 1e9:F1} GFLOP per training epoch, lengths passed:"));
        output.WriteLine();
        output.WriteLine("| batching | batch | threads | samples/s | GFLOP/s (real steps) | % of matmul |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (int batchSize in batchSizes)
        {
            foreach (Batching batching in new[] { Batching.BatchMax, Batching.Sorted })
            {
                foreach (int threads in threadCounts)
                {
                    torch.set_num_threads(threads);
                    (double seconds, _) = TimeEpochs(() => new QuickDrawClassifier(), StrokeFeatures, strokes, samples, batching, batchSize, epochs);
                    double gflops = flopsPerEpoch * epochs / seconds / 1e9;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {Describe(batching)} | {batchSize} | {threads} | {samples.Count * epochs / seconds:N0} | {gflops:F1} | {100 * gflops / peaks[threads]:F0}% |"));
                }
            }
        }
    }

    /// <summary>How a training epoch is cut into padded batches.</summary>
    private enum Batching
    {
        /// <summary>Shuffled; every batch padded to 128 steps and run without lengths (the textbook baseline).</summary>
        Fixed128,

        /// <summary>Shuffled; each batch padded to its longest drawing, lengths passed (packed GRU, masked pooling).</summary>
        BatchMax,

        /// <summary>The flagship loader: chunks of 4 batches sorted by length, batch order shuffled, lengths passed.</summary>
        Buckets,

        /// <summary>As <see cref="Buckets"/>, but the model runs over the (small) padding instead of taking lengths.</summary>
        BucketsNoLengths,

        /// <summary>The whole epoch sorted by length and cut into batches, batch order shuffled; lengths passed.</summary>
        Sorted,

        /// <summary>As <see cref="Sorted"/>, without lengths: the least padding, but the reverse GRU reads it.</summary>
        SortedNoLengths,
    }

    private static string Describe(Batching batching) => batching switch
    {
        Batching.Fixed128 => "pad to 128, no lengths",
        Batching.BatchMax => "pad to batch max, lengths",
        Batching.Buckets => "length buckets, lengths",
        Batching.BucketsNoLengths => "length buckets, no lengths",
        Batching.Sorted => "sorted epoch, lengths",
        Batching.SortedNoLengths => "sorted epoch, no lengths",
        _ => throw new ArgumentOutOfRangeException(nameof(batching)),
    };

    private static (double Seconds, long PaddedSteps) TimeEpochs(Func<nn.Module<Tensor, Tensor>> create, int featureCount, List<float[]> features, List<SketchSample> samples, Batching batching, int batchSize, int epochs)
    {
        torch.random.manual_seed(1);
        using nn.Module<Tensor, Tensor> model = create();
        var sequenceModel = (ISequenceModel)model;
        model.train();
        using optim.Optimizer optimizer = optim.AdamW(model.parameters(), lr: 3e-3, weight_decay: 1e-2);
        var loader = new DataLoader<int>(
            new ListDataset<int>(Enumerable.Range(0, samples.Count).ToList()),
            indices => Collate(indices, featureCount, features, samples, batching),
            new DataLoaderOptions { BatchSize = batchSize, Shuffle = true, BucketChunkBatches = BucketChunk(batching, samples.Count, batchSize) },
            i => samples[i].Length);
        var random = new ShuffleRandom(1);
        bool useLengths = batching is Batching.BatchMax or Batching.Buckets or Batching.Sorted;
        long paddedSteps = 0;
        double seconds = 0;
        for (int epoch = 0; epoch <= epochs; epoch++)
        {
            long start = Stopwatch.GetTimestamp();
            foreach (Batch batch in loader.GetBatches(random))
            {
                using var scope = NewDisposeScope();
                using Batch owned = batch;
                Tensor logits = useLengths ? sequenceModel.forward(batch.Inputs, batch.Lengths!) : model.forward(batch.Inputs);
                Tensor loss = nn.functional.cross_entropy(logits, batch.Targets, label_smoothing: 0.1);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                _ = loss.item<float>();
                if (epoch == 1)
                {
                    paddedSteps += batch.Inputs.shape[0] * batch.Inputs.shape[1];
                }
            }

            // Epoch 0 warms up the allocator and the kernels; it is not timed.
            if (epoch > 0)
            {
                seconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }

        return (seconds, paddedSteps);
    }

    // The first `keep` of every step's `count` features: (dx, dy, pen lift) of the flagship's five.
    private static float[] FirstFeatures(float[] steps, int count, int keep)
    {
        var kept = new float[steps.Length / count * keep];
        for (int t = 0; t < steps.Length / count; t++)
        {
            Array.Copy(steps, t * count, kept, t * keep, keep);
        }

        return kept;
    }

    private static int BucketChunk(Batching batching, int count, int batchSize) => batching switch
    {
        Batching.Buckets or Batching.BucketsNoLengths => 4,
        Batching.Sorted or Batching.SortedNoLengths => (count + batchSize - 1) / batchSize,
        _ => 0,
    };

    private static Batch Collate(IReadOnlyList<int> indices, int featureCount, List<float[]> features, List<SketchSample> samples, Batching batching)
    {
        Tensor inputs = SequenceCollate.Pad(indices.Select(i => features[i]).ToList(), featureCount, out Tensor lengths);
        if (batching == Batching.Fixed128 && inputs.shape[1] < FixedLength)
        {
            using Tensor short_ = inputs;
            inputs = nn.functional.pad(short_, [0, 0, 0, FixedLength - short_.shape[1]]);
        }

        Tensor targets = torch.tensor(indices.Select(i => (long)samples[i].Label).ToArray(), int64);
        return new Batch(inputs, targets, lengths);
    }

    /// <summary>The shared drawings after the flagship's preprocessing, their class count and offset scale.</summary>
    /// <returns>The samples, the number of classes and the offset scale.</returns>
    internal static (List<SketchSample> Samples, int Classes, float OffsetScale) LoadShared()
    {
        string quickdraw = Path.Combine(SharedDataFolder.Shared(), "quickdraw");
        string[] files = Directory.GetFiles(Path.Combine(quickdraw, "simplified_100"), "*.ndjson")
            .Concat(Directory.GetFiles(Path.Combine(quickdraw, "simplified_1000"), "*.ndjson"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        var words = files.Select(Path.GetFileNameWithoutExtension).Distinct(StringComparer.Ordinal).ToList();
        var samples = new List<SketchSample>();
        foreach (string file in files)
        {
            int label = words.IndexOf(Path.GetFileNameWithoutExtension(file));
            samples.AddRange(new QuickDrawNdjsonReader().ReadFile(file).Select(d => SketchFeatures.Prepare(d, label)));
        }

        return (samples, words.Count, SketchFeatures.OffsetScale(samples));
    }

    /// <summary>The flagship's GRU units per direction.</summary>
    /// <returns>Units per direction.</returns>
    internal static int SketchClassifierUnits() =>
        (int)long.Parse(SketchClassifier.Info.Layers.Single(l => l.Type == "gru").OutputShape[^1], CultureInfo.InvariantCulture) / 2;

    private static int Median(IEnumerable<int> values)
    {
        int[] sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
