using System;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>How close decoded drawings are to the true ones, over every point of every drawing.</summary>
/// <param name="Loss">The reconstruction loss as trained: position squared error (in offset-scale units) plus the weighted pen squared error.</param>
/// <param name="PointError">Mean distance between each decoded point and the true one, as a fraction of a drawing's longer side.</param>
/// <param name="PenAccuracy">Share of points whose pen-lift bit is right (pen lifts decided by <see cref="SketchEncoding.PenLifts"/>).</param>
/// <param name="PenLiftF1">F1 of the points where a stroke ends, the last point of a drawing left out (it always ends one).</param>
internal sealed record ReconstructionMetrics(double Loss, double PointError, double PenAccuracy, double PenLiftF1)
{
    /// <summary>Compares decoder rows with the true ones.</summary>
    /// <param name="predicted"><c>[B, points, 3]</c>.</param>
    /// <param name="target"><c>[B, points, 3]</c>.</param>
    /// <param name="scale">The offset scale (to express the point error in drawing units).</param>
    /// <param name="penWeight">The pen term's weight in the loss.</param>
    /// <returns>The metrics.</returns>
    public static ReconstructionMetrics Of(Tensor predicted, Tensor target, float scale, double penWeight)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double loss = SketchLoss.Reconstruction(predicted, target, penWeight).item<float>();
        double points = (predicted[.., .., ..2] - target[.., .., ..2]).mul(scale).pow(2).sum(-1).sqrt().mean().item<float>();
        float[] pen = predicted[.., .., 2].contiguous().data<float>().ToArray();
        float[] truth = target[.., .., 2].contiguous().data<float>().ToArray();
        int n = (int)predicted.shape[1];
        long right = 0, hits = 0, predictedLifts = 0, trueLifts = 0;
        for (int d = 0; d < pen.Length / n; d++)
        {
            bool[] lifts = SketchEncoding.PenLifts(pen.AsSpan(d * n, n));
            for (int i = 0; i < n; i++)
            {
                bool t = truth[(d * n) + i] > 0.5f;
                right += lifts[i] == t ? 1 : 0;
                if (i < n - 1)
                {
                    hits += lifts[i] && t ? 1 : 0;
                    predictedLifts += lifts[i] ? 1 : 0;
                    trueLifts += t ? 1 : 0;
                }
            }
        }

        double f1 = predictedLifts + trueLifts > 0 ? 2.0 * hits / (predictedLifts + trueLifts) : 1;
        return new ReconstructionMetrics(loss, points, right / (double)pen.Length, f1);
    }
}
