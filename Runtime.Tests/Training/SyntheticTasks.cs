using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Batching;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>Small learnable data sets, generated with the project's seeded generator.</summary>
internal static class SyntheticTasks
{
    /// <summary>Gaussian blobs around class centres on a circle; easily separable.</summary>
    public static List<VectorSample> Blobs(int count, int classes, int features, long seed, double spread = 0.5)
    {
        var random = new ShuffleRandom(seed);
        var samples = new List<VectorSample>(count);
        for (int i = 0; i < count; i++)
        {
            int label = random.NextInt(classes);
            var x = new float[features];
            for (int f = 0; f < features; f++)
            {
                double centre = f < 2 ? (f == 0 ? Math.Cos(2 * Math.PI * label / classes) : Math.Sin(2 * Math.PI * label / classes)) * 2 : 0;
                x[f] = (float)(centre + (spread * random.NextGaussian()));
            }

            samples.Add(new VectorSample(x, label));
        }

        return samples;
    }

    /// <summary>y = 2·x0 − x1 + 0.5 with a little noise.</summary>
    public static List<VectorSample> Linear(int count, long seed)
    {
        var random = new ShuffleRandom(seed);
        var samples = new List<VectorSample>(count);
        for (int i = 0; i < count; i++)
        {
            float x0 = (float)random.NextGaussian(), x1 = (float)random.NextGaussian();
            samples.Add(new VectorSample([x0, x1], 0, (2 * x0) - x1 + 0.5f + (float)(0.01 * random.NextGaussian())));
        }

        return samples;
    }

    public static DataLoader<VectorSample> ClassificationLoader(IReadOnlyList<VectorSample> samples, int batchSize, bool shuffle = true) =>
        new(new ListDataset<VectorSample>(samples), VectorSample.Classification, new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle });
}
