using System;
using System.Collections.Generic;
using System.Globalization;
using QuickDrawDsl.Runtime.Models;

namespace QuickDrawDsl.Benchmarks.Training;

/// <summary>
/// Counts the matrix-multiply FLOPs of one training step of a generated sequence model for a sample of a given real
/// length, from the generator's <see cref="ModelInfo"/>: each weight is one multiply-add per step it is applied to;
/// a training step is the usual 3× the forward pass (forward, and the two products of the backward pass). Norms,
/// activations, pooling and the optimiser are not counted, so the figure is a lower bound on the work done.
/// </summary>
public sealed class ModelFlops
{
    private static readonly HashSet<string> Recurrent = new(StringComparer.Ordinal) { "lstm", "gru", "rnn" };
    private static readonly HashSet<string> NotMatmul = new(StringComparer.Ordinal) { "batchnorm", "layernorm", "embedding" };

    private readonly ModelInfo info;

    /// <summary>Reads the layer table of <paramref name="info"/>; its time dimension must be named <c>time</c>.</summary>
    public ModelFlops(ModelInfo info) => this.info = info ?? throw new ArgumentNullException(nameof(info));

    /// <summary>Multiply-adds of one forward pass over a sample of <paramref name="length"/> real steps.</summary>
    public long ForwardMacs(int length)
    {
        long macs = 0;
        IReadOnlyList<string> input = info.InputShape;
        foreach (LayerInfo layer in info.Layers)
        {
            if (layer.Parameters > 0 && !NotMatmul.Contains(layer.Type))
            {
                // A recurrent layer applies its weights at every input step, even when it returns the last state only.
                IReadOnlyList<string> stepsFrom = Recurrent.Contains(layer.Type) ? input : layer.OutputShape;
                macs += layer.Parameters * Steps(stepsFrom, length);
            }

            input = layer.OutputShape;
        }

        return macs;
    }

    /// <summary>FLOPs of one training step (forward + backward) over a sample of <paramref name="length"/> real steps.</summary>
    public long TrainingFlops(int length) => 3 * 2 * ForwardMacs(length);

    private static long Steps(IReadOnlyList<string> shape, int length)
    {
        if (shape.Count < 2)
        {
            return 1;
        }

        string time = shape[0].Replace(" ", string.Empty, StringComparison.Ordinal);
        if (time == "time")
        {
            return length;
        }

        const string prefix = "ceil(time/";
        if (time.StartsWith(prefix, StringComparison.Ordinal) && time.EndsWith(')'))
        {
            int divisor = int.Parse(time.AsSpan(prefix.Length, time.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
            return (length + divisor - 1) / divisor;
        }

        // Spatial layers (conv2d/conv3d) would need their own count; the sequence models measured here have none.
        throw new NotSupportedException($"ModelFlops counts sequence layers only; it cannot evaluate the dimension '{shape[0]}'.");
    }
}
