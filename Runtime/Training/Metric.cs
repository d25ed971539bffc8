using System;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Builds <see cref="IMetric"/> values from functions.</summary>
public static class Metric
{
    /// <summary>A metric whose value is the sample-weighted mean of a per-batch function.</summary>
    /// <param name="name">Key suffix (e.g. <c>kl</c>).</param>
    /// <param name="batchValue">(output, target) → the batch's mean value.</param>
    /// <returns>The metric.</returns>
    public static IMetric Mean(string name, Func<torch.Tensor, torch.Tensor, double> batchValue)
    {
        MetricNames.CheckName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(batchValue);
        return new MeanMetric(name, batchValue);
    }

    private sealed class MeanMetric(string name, Func<torch.Tensor, torch.Tensor, double> batchValue) : IMetric
    {
        private double sum;
        private long count;

        public string Name => name;

        public void Reset()
        {
            sum = 0;
            count = 0;
        }

        public void Update(torch.Tensor output, torch.Tensor target)
        {
            long n = output.shape.Length == 0 ? 1 : output.shape[0];
            sum += batchValue(output, target) * n;
            count += n;
        }

        public double Result() => count == 0 ? double.NaN : sum / count;
    }
}
