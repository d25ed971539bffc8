using System;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>Reconstructions that need no neural network, to judge the autoencoder's numbers against.</summary>
internal static class Baselines
{
    /// <summary>
    /// The mean drawing: every held-out drawing is "reconstructed" as the point-by-point mean of the training drawings,
    /// what a decoder that ignores its input vector converges to under squared error.
    /// </summary>
    /// <param name="train">Training decoder rows <c>[N, points, 3]</c>.</param>
    /// <param name="count">How many held-out drawings.</param>
    /// <returns><c>[count, points, 3]</c>.</returns>
    public static Tensor MeanDrawing(Tensor train, long count)
    {
        ArgumentNullException.ThrowIfNull(train);
        using var noGrad = no_grad();
        using Tensor mean = train.mean(new long[] { 0 }, keepdim: true);
        return mean.expand(count, -1, -1).contiguous();
    }

    /// <summary>
    /// The nearest training drawing: each held-out drawing is answered with the training drawing whose points lie
    /// closest to it (smallest mean point distance). An oracle, since it looks at the held-out drawing to choose:
    /// the best a lookup table of the training set could do.
    /// </summary>
    /// <param name="train">Training decoder rows <c>[N, points, 3]</c>.</param>
    /// <param name="test">Held-out decoder rows <c>[M, points, 3]</c>.</param>
    /// <returns><c>[M, points, 3]</c>: the chosen training drawings.</returns>
    public static Tensor NearestTraining(Tensor train, Tensor test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor trainPoints = train[.., .., ..2];
        long m = test.shape[0];
        var chosen = new long[m];
        for (long i = 0; i < m; i++)
        {
            Tensor distance = (trainPoints - test[i, .., ..2]).pow(2).sum(-1).sqrt().mean(new long[] { 1 });
            chosen[i] = distance.argmin().item<long>();
        }

        return train.index_select(0, torch.tensor(chosen)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A linear autoencoder with the same latent size: the first <paramref name="components"/> principal components
    /// of the training drawings' rows (positions and pen lifts, flattened); each held-out drawing is projected onto
    /// them and mapped back.
    /// </summary>
    /// <param name="train">Training decoder rows <c>[N, points, 3]</c>.</param>
    /// <param name="test">Held-out decoder rows <c>[M, points, 3]</c>.</param>
    /// <param name="components">The latent size.</param>
    /// <returns><c>[M, points, 3]</c>.</returns>
    public static Tensor Pca(Tensor train, Tensor test, int components)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor a = train.flatten(1);
        Tensor centre = a.mean(new long[] { 0 }, keepdim: true);
        (_, _, Tensor vh) = linalg.svd(a - centre, fullMatrices: false);
        Tensor basis = vh[..components];
        return ((test.flatten(1) - centre).matmul(basis.t()).matmul(basis) + centre).reshape(test.shape).MoveToOuterDisposeScope();
    }
}
