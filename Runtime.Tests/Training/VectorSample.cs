using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Batching;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>A fixed-size feature vector with a class label or a regression target.</summary>
internal sealed record VectorSample(float[] Features, long Label, float Target = 0)
{
    public static Batch Classification(IReadOnlyList<VectorSample> samples)
    {
        int width = samples[0].Features.Length;
        var data = new float[samples.Count * width];
        var labels = new long[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            samples[i].Features.CopyTo(data, i * width);
            labels[i] = samples[i].Label;
        }

        return new Batch(torch.tensor(data, new long[] { samples.Count, width }), torch.tensor(labels, new long[] { samples.Count }));
    }

    public static Batch Regression(IReadOnlyList<VectorSample> samples)
    {
        int width = samples[0].Features.Length;
        var data = new float[samples.Count * width];
        var targets = new float[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            samples[i].Features.CopyTo(data, i * width);
            targets[i] = samples[i].Target;
        }

        return new Batch(torch.tensor(data, new long[] { samples.Count, width }), torch.tensor(targets, new long[] { samples.Count, 1 }));
    }
}
