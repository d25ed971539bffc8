using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Strokes;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>One split of prepared drawings as whole tensors (a thousand drawings of 64 points fit easily).</summary>
internal sealed class SketchSet : IDisposable
{
    /// <summary>Builds the tensors of <paramref name="sequences"/>.</summary>
    /// <param name="sequences">Prepared drawings (see <see cref="SketchEncoding.Prepare"/>).</param>
    /// <param name="scale">The offset scale.</param>
    public SketchSet(IReadOnlyList<Stroke3Sequence> sequences, float scale)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        Sequences = sequences;
        int n = sequences.Count;
        int points = SketchEncoding.Points;
        Features = torch.tensor(sequences.SelectMany(s => SketchEncoding.FeatureRows(s, scale)).ToArray(), new long[] { n, points, SketchEncoding.FeatureColumns });
        PointRows = torch.tensor(sequences.SelectMany(s => SketchEncoding.PointRows(s, scale)).ToArray(), new long[] { n, points, SketchEncoding.PointColumns });
    }

    /// <summary>The prepared drawings.</summary>
    public IReadOnlyList<Stroke3Sequence> Sequences { get; }

    /// <summary>Encoder input, <c>[count, points, 5]</c>.</summary>
    public Tensor Features { get; }

    /// <summary>Decoder target, <c>[count, points, 3]</c>.</summary>
    public Tensor PointRows { get; }

    /// <summary>The number of drawings.</summary>
    public int Count => Sequences.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        PointRows.Dispose();
    }
}
