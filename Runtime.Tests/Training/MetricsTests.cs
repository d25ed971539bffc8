using System;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Metrics;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

public sealed class MetricsTests
{
    public MetricsTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void TopKAccuracyOnHandMadeLogits()
    {
        using var scope = NewDisposeScope();
        // Rows ranked: 0 → [2,1,0,3], 1 → [0,3,1,2], 2 → [3,2,1,0], 3 → [1,0,2,3]
        Tensor logits = tensor(new float[]
        {
            0.1f, 0.5f, 0.9f, 0.0f,
            0.8f, 0.2f, 0.1f, 0.3f,
            0.0f, 0.1f, 0.2f, 0.9f,
            0.3f, 0.7f, 0.2f, 0.1f,
        }, new long[] { 4, 4 });
        Tensor targets = tensor(new long[] { 2, 3, 1, 3 });
        ClassificationMetrics.TopKAccuracy(logits, targets, 1).ShouldBe(0.25);
        ClassificationMetrics.TopKAccuracy(logits, targets, 2).ShouldBe(0.5);
        ClassificationMetrics.TopKAccuracy(logits, targets, 3).ShouldBe(0.75);
        ClassificationMetrics.TopKAccuracy(logits, targets, 10).ShouldBe(1.0);
    }

    [Fact]
    public void ConfusionMatrixCountsAndPerClassAccuracy()
    {
        using var scope = NewDisposeScope();
        var matrix = new ConfusionMatrix(3);
        Tensor logits = tensor(new float[]
        {
            5, 0, 0, // predicts 0
            0, 5, 0, // predicts 1
            0, 5, 0, // predicts 1
            0, 0, 5, // predicts 2
            5, 0, 0, // predicts 0
        }, new long[] { 5, 3 });
        matrix.Add(logits, tensor(new long[] { 0, 1, 2, 2, 1 }));
        matrix.Total.ShouldBe(5);
        matrix[0, 0].ShouldBe(1);
        matrix[1, 1].ShouldBe(1);
        matrix[1, 0].ShouldBe(1);
        matrix[2, 1].ShouldBe(1);
        matrix[2, 2].ShouldBe(1);
        matrix[0, 1].ShouldBe(0);
        matrix.Accuracy.ShouldBe(0.6);
        matrix.PerClassAccuracy().ShouldBe([1.0, 0.5, 0.5]);
        new ConfusionMatrix(2).PerClassAccuracy()[0].ShouldBe(double.NaN);
    }

    [Fact]
    public void LabelSmoothingMatchesTheFormula()
    {
        using var scope = NewDisposeScope();
        float[] raw = [1.0f, 2.0f, 0.5f, -1.0f, 0.3f, 0.2f, 2.5f, 0.0f];
        long[] labels = [1, 2];
        const double eps = 0.2;
        double expected = 0;
        for (int row = 0; row < 2; row++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < 4; c++)
            {
                max = Math.Max(max, raw[(row * 4) + c]);
            }

            double sum = 0;
            for (int c = 0; c < 4; c++)
            {
                sum += Math.Exp(raw[(row * 4) + c] - max);
            }

            double logZ = max + Math.Log(sum);
            double nll = logZ - raw[(row * 4) + labels[row]];
            double uniform = 0;
            for (int c = 0; c < 4; c++)
            {
                uniform += (logZ - raw[(row * 4) + c]) / 4;
            }

            expected += (((1 - eps) * nll) + (eps * uniform)) / 2;
        }

        double actual = Losses.CrossEntropy(tensor(raw, new long[] { 2, 4 }), tensor(labels), eps).item<float>();
        actual.ShouldBe(expected, tolerance: 1e-5);
        double plain = Losses.CrossEntropy(tensor(raw, new long[] { 2, 4 }), tensor(labels)).item<float>();
        Math.Abs(plain - actual).ShouldBeGreaterThan(1e-3);
    }

    [Fact]
    public void RegressionLossesAndMae()
    {
        using var scope = NewDisposeScope();
        Tensor prediction = tensor(new float[] { 0, 1, 4 }, new long[] { 3, 1 });
        Tensor target = tensor(new float[] { 0, 2, 1 });
        Losses.Create(LossKind.Mse)(prediction, target).item<float>().ShouldBe(10f / 3, tolerance: 1e-6);
        Losses.Create(LossKind.Mae)(prediction, target).item<float>().ShouldBe(4f / 3, tolerance: 1e-6);
        // Huber (delta 1): 0, 0.5·1², 1·(3 − 0.5) → mean 1.0
        Losses.Create(LossKind.Huber, huberDelta: 1)(prediction, target).item<float>().ShouldBe(1f, tolerance: 1e-6);
        ClassificationMetrics.AbsoluteErrorSum(prediction, target).ShouldBe(4, tolerance: 1e-6);
    }

    [Fact]
    public void CrossEntropyFlattensSequenceOutputs()
    {
        using var scope = NewDisposeScope();
        Tensor logits = randn(2, 3, 5);
        Tensor targets = tensor(new long[] { 0, 1, 2, 3, 4, 0 }, new long[] { 2, 3 });
        double flat = Losses.CrossEntropy(logits.reshape(6, 5), targets.reshape(6)).item<float>();
        Losses.CrossEntropy(logits, targets).item<float>().ShouldBe((float)flat, tolerance: 1e-6);
    }
}
