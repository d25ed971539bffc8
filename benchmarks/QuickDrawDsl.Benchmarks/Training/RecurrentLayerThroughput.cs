using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace QuickDrawDsl.Benchmarks.Training;

/// <summary>
/// The recurrent layer alone, side by side: <see cref="RecurrentOps"/> as generated models call it against packing
/// written out here (what <see cref="RecurrentOps"/> did before for every layer with lengths), forward and backward
/// over one length-sorted epoch of the shared drawings' lengths, with random inputs as wide as the flagship's last
/// convolution. GFLOP/s count the real (unpadded) steps only, as <see cref="ModelFlops"/> does.
/// </summary>
public static class RecurrentLayerThroughput
{
    private const int Features = 96;

    /// <summary>Writes the matmul limit and one table row per layer, batch size, implementation and thread count.</summary>
    /// <param name="output">Where the tables go.</param>
    /// <param name="lengths">The drawings' lengths (one epoch).</param>
    /// <param name="hidden">Units per direction.</param>
    /// <param name="repeats">Timed epochs per row, alternating between the two implementations; the best counts.</param>
    /// <param name="batchSizes">Batch sizes.</param>
    /// <param name="threadCounts">libtorch thread counts.</param>
    /// <param name="layers">Which layers to measure: <c>bigru</c>, <c>gru</c>, <c>lstm</c>.</param>
    /// <returns>The process exit code: 2 for an unknown layer name.</returns>
    public static int Run(TextWriter output, IReadOnlyList<int> lengths, int hidden, int repeats, IReadOnlyList<int> batchSizes, IReadOnlyList<int> threadCounts, IReadOnlyList<string> layers)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentNullException.ThrowIfNull(threadCounts);
        ArgumentNullException.ThrowIfNull(layers);
        string? unknown = layers.FirstOrDefault(l => !LayerNames.ContainsKey(l));
        if (unknown is not null)
        {
            Console.Error.WriteLine($"recurrent: unknown layer '{unknown}': use a comma-separated list of {string.Join(", ", LayerNames.Keys)}.");
            return 2;
        }

        long realSteps = lengths.Sum(l => (long)l);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The recurrent layer alone ({Features} → {hidden} units per direction, every step's output), forward + backward over one length-sorted epoch of {lengths.Count:N0} drawings ({realSteps:N0} real steps), lengths passed; best of {repeats} epochs per row after one warm-up, the two implementations alternating epoch by epoch."));
        output.WriteLine();
        if (layers.Contains("bigru"))
        {
            output.WriteLine("Bidirectional GRU, RecurrentOps rows: both directions to each sequence's end, written-out forward/backward with the fused C# gate kernel (float32, CPU; Runtime/Models/BidirectionalGruKernel.cs); packed rows: libtorch's GRU on a PackedSequence.");
            output.WriteLine();
        }

        output.WriteLine(LoadAverage("before"));
        output.WriteLine();
        output.WriteLine("| layer | with lengths | batch | threads | sequences/s | GFLOP/s (real steps) | % of matmul | ours / packed |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (int threads in threadCounts)
        {
            torch.set_num_threads(threads);
            double limitBefore = MatmulPeak.Measure(1024, 1024, 1024).Best;
            var rows = new List<(Layer Layer, int Batch, string Name, double Seconds, double Packed, double Flops)>();
            foreach (Layer layer in layers.Select(l => LayerNames[l]).Distinct())
            {
                // Multiply-adds per real step: gates × H × (F + H) per direction; a training step is 3× the forward pass.
                double flopsPerEpoch = 3 * 2.0 * Directions(layer) * Gates(layer) * hidden * (Features + hidden) * realSteps;
                foreach (int batchSize in batchSizes)
                {
                    (double packed, double ours) = BestEpochs(layer, lengths, hidden, batchSize, repeats);
                    rows.Add((layer, batchSize, "packed", packed, packed, flopsPerEpoch));
                    rows.Add((layer, batchSize, "RecurrentOps", ours, packed, flopsPerEpoch));
                }
            }

            // Measured again after the rows and the better one kept: a neighbour's burst during one measurement
            // would otherwise inflate every percentage.
            double limitAfter = MatmulPeak.Measure(1024, 1024, 1024).Best;
            double limit = Math.Max(limitBefore, limitAfter);
            foreach ((Layer layer, int batchSize, string name, double seconds, double packed, double flops) in rows)
            {
                double gflops = flops / seconds / 1e9;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Describe(layer)} | {name} | {batchSize} | {threads} | {lengths.Count / seconds:N0} | {gflops:F1} | {100 * gflops / limit:F0}% | {(name == "packed" ? "" : $"{packed / seconds:F2}x")} |"));
            }

            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Matmul limit, {threads} thread(s): {limit:F1} GFLOP/s (1024³ fp32, best of ≥ 20 calls, the better of {limitBefore:F1} before and {limitAfter:F1} after the rows)."));
            output.WriteLine();
        }

        output.WriteLine(LoadAverage("after"));
        output.WriteLine("On a loaded machine only the in-run ratios (ours / packed, % of the in-run matmul limit) compare across runs.");

        return 0;
    }

    // The 1/5/15-minute load averages (Linux): a run on a machine busy with other work reads low.
    private static string LoadAverage(string when)
    {
        const string Path = "/proc/loadavg";
        string[] fields = File.Exists(Path) ? File.ReadAllText(Path).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return fields.Length >= 3
            ? $"Load average {when} the rows: {fields[0]} {fields[1]} {fields[2]} on {Environment.ProcessorCount} cores."
            : $"Load average {when} the rows: not available on this system.";
    }

    private static readonly Dictionary<string, Layer> LayerNames = new(StringComparer.Ordinal)
    {
        ["bigru"] = Layer.BidirectionalGru,
        ["gru"] = Layer.Gru,
        ["lstm"] = Layer.Lstm,
    };

    /// <summary>The layers measured.</summary>
    private enum Layer
    {
        /// <summary>The flagship's: one bidirectional GRU layer.</summary>
        BidirectionalGru,

        /// <summary>One one-direction GRU layer.</summary>
        Gru,

        /// <summary>One one-direction LSTM layer.</summary>
        Lstm,
    }

    private static string Describe(Layer layer) => layer switch
    {
        Layer.BidirectionalGru => "bidirectional GRU",
        Layer.Gru => "GRU",
        Layer.Lstm => "LSTM",
        _ => throw new ArgumentOutOfRangeException(nameof(layer)),
    };

    private static int Directions(Layer layer) => layer == Layer.BidirectionalGru ? 2 : 1;

    private static int Gates(Layer layer) => layer == Layer.Lstm ? 4 : 3;

    // The best epoch of each implementation, alternating packed and ours so that a noisy neighbour hits both alike.
    private static (double Packed, double Ours) BestEpochs(Layer layer, IReadOnlyList<int> lengths, int hidden, int batchSize, int repeats)
    {
        torch.random.manual_seed(1);
        using nn.Module module = layer == Layer.Lstm
            ? nn.LSTM(Features, hidden, batchFirst: true)
            : nn.GRU(Features, hidden, batchFirst: true, bidirectional: layer == Layer.BidirectionalGru);
        using var batches = new DisposableBatches(Batches(lengths, batchSize));
        double packed = double.MaxValue, ours = double.MaxValue;

        // Round 0 warms up the allocator and the kernels; it is not counted.
        for (int round = 0; round <= repeats; round++)
        {
            double p = Epoch(module, batches.Items, packed: true);
            double o = Epoch(module, batches.Items, packed: false);
            if (round > 0)
            {
                packed = Math.Min(packed, p);
                ours = Math.Min(ours, o);
            }
        }

        return (packed, ours);
    }

    private static double Epoch(nn.Module module, List<(Tensor X, Tensor Lengths)> batches, bool packed)
    {
        long start = Stopwatch.GetTimestamp();
        foreach ((Tensor x, Tensor batchLengths) in batches)
        {
            using var scope = NewDisposeScope();
            Tensor input = x.detach().requires_grad_();
            Tensor y = packed ? Packed(module, input, batchLengths) : Ours(module, input, batchLengths);
            module.zero_grad();
            y.sum().backward();
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static Tensor Ours(nn.Module module, Tensor x, Tensor lengths) => module switch
    {
        GRU gru => RecurrentOps.Sequence(gru, x, lengths),
        LSTM lstm => RecurrentOps.Sequence(lstm, x, lengths),
        _ => throw new ArgumentOutOfRangeException(nameof(module)),
    };

    private static Tensor Packed(nn.Module module, Tensor x, Tensor lengths)
    {
        PackedSequence input = pack_padded_sequence(x, lengths, batch_first: true, enforce_sorted: false);
        PackedSequence output = module switch
        {
            GRU gru => gru.call(input).Item1,
            LSTM lstm => lstm.call(input).Item1,
            _ => throw new ArgumentOutOfRangeException(nameof(module)),
        };
        return pad_packed_sequence(output, batch_first: true, total_length: x.shape[1]).Item1;
    }

    // The epoch sorted by length and cut into batches (the throughput table's "sorted epoch"), each padded to its longest.
    private static List<(Tensor X, Tensor Lengths)> Batches(IReadOnlyList<int> lengths, int batchSize)
    {
        int[] sorted = lengths.Order().ToArray();
        var batches = new List<(Tensor, Tensor)>();
        for (int i = 0; i < sorted.Length; i += batchSize)
        {
            long[] batch = sorted.Skip(i).Take(batchSize).Select(l => (long)l).ToArray();
            batches.Add((randn(batch.Length, batch.Max(), Features), tensor(batch)));
        }

        return batches;
    }

    private sealed class DisposableBatches(List<(Tensor X, Tensor Lengths)> items) : IDisposable
    {
        public List<(Tensor X, Tensor Lengths)> Items { get; } = items;

        public void Dispose()
        {
            foreach ((Tensor x, Tensor lengths) in Items)
            {
                x.Dispose();
                lengths.Dispose();
            }
        }
    }
}
