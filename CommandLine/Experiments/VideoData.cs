using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Experiments;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// Video clips (<c>video_clips</c>, <see cref="VideoClipSplit"/>) as the model's <c>[channels, frames, frame_size,
/// frame_size]</c> input: each clip read when its batch is collated and resampled to that shape
/// (<see cref="ClipResizer"/>), then batched by <see cref="VideoCollate.Classification"/>.
/// </summary>
internal sealed class VideoData : IExperimentData
{
    private readonly VideoClipSplit split;
    private readonly int[] shape;

    private VideoData(VideoClipSplit split, Preprocessing preprocessing, int[] shape)
    {
        this.split = split;
        Preprocessing = preprocessing;
        this.shape = shape;
    }

    /// <inheritdoc />
    public Preprocessing Preprocessing { get; }

    /// <inheritdoc />
    public DataReadReport Report => split.Report;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> UsableByClass =>
        ClassCounts.Of(Preprocessing.Labels, split.Train.Select(split.Clips.LabelOf));

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> HeldOutByClass =>
        ClassCounts.Of(Preprocessing.Labels, split.Validation.Concat(split.Test).Select(split.Clips.LabelOf));

    /// <inheritdoc />
    public int TrainCount => split.Train.Count;

    /// <inheritdoc />
    public int ValidationCount => split.Validation.Count;

    /// <inheritdoc />
    public int TestCount => split.Test.Count;

    /// <summary>Wraps a split for a model input <c>[C, F, H, W]</c>.</summary>
    /// <param name="split">The clips.</param>
    /// <param name="preprocessing">The run's preprocessing (labels).</param>
    /// <param name="shape">The model's input shape.</param>
    /// <returns>The data.</returns>
    public static VideoData Create(VideoClipSplit split, Preprocessing preprocessing, int[] shape) => new(split, preprocessing, shape);

    /// <summary>One clip resampled to the model's input.</summary>
    /// <param name="clip">The clip.</param>
    /// <param name="shape">The model's input shape <c>[C, F, H, W]</c>.</param>
    /// <returns>The clip, resampled.</returns>
    public static VideoClip Fit(VideoClip clip, IReadOnlyList<int> shape) => ClipResizer.Resize(clip, shape[0], shape[1], shape[2], shape[3]);

    /// <inheritdoc />
    public IBatchLoader Train(int batchSize, bool shuffle) => Loader(split.Train, batchSize, shuffle);

    /// <inheritdoc />
    public IBatchLoader Validation(int batchSize) => Loader(split.Validation, batchSize, shuffle: false);

    /// <inheritdoc />
    public IBatchLoader Test(int batchSize) => Loader(split.Test, batchSize, shuffle: false);

    /// <summary>
    /// <c>test_still_frame_accuracy</c>: the accuracy on the test clips with every frame replaced by the middle one,
    /// what appearance alone gives without motion; near chance means the model reads the motion.
    /// </summary>
    /// <param name="module">The trained model, in eval mode.</param>
    /// <returns>The metric.</returns>
    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        long right = 0, total = 0;
        var loader = new DataLoader<int>(new ListDataset<int>([.. split.Test]), ids => VideoCollate.Classification([.. ids.Select(i => StillFrame(Fit(split.Clips.Get(i), shape)))]), new DataLoaderOptions { BatchSize = 64, Shuffle = false });
        torch.Device device = module.parameters().FirstOrDefault()?.device ?? torch.CPU;
        foreach (Batch batch in loader.GetBatches(null))
        {
            using var scope = torch.NewDisposeScope();
            using (batch)
            using (torch.no_grad())
            {
                Batch onDevice = batch.To(device);
                right += module.call(onDevice.Inputs).argmax(1).eq(onDevice.Targets).sum().item<long>();
                total += batch.Count;
            }
        }

        return total == 0 ? new Dictionary<string, double>() : new Dictionary<string, double> { ["test_still_frame_accuracy"] = (double)right / total };
    }

    /// <summary>The clip with every frame replaced by its middle frame: where things are, without how they move.</summary>
    /// <param name="clip">The clip.</param>
    /// <returns>The still clip.</returns>
    public static VideoClip StillFrame(VideoClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        int plane = clip.Height * clip.Width;
        int middle = clip.Frames / 2;
        var data = new float[clip.Data.Length];
        for (int c = 0; c < clip.Channels; c++)
        {
            for (int f = 0; f < clip.Frames; f++)
            {
                Array.Copy(clip.Data, ((c * clip.Frames) + middle) * plane, data, ((c * clip.Frames) + f) * plane, plane);
            }
        }

        return new VideoClip(data, clip.Channels, clip.Frames, clip.Height, clip.Width, clip.Label);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private DataLoader<int> Loader(IReadOnlyList<int> indices, int batchSize, bool shuffle) =>
        new(new ListDataset<int>([.. indices]), ids => VideoCollate.Classification([.. ids.Select(i => Fit(split.Clips.Get(i), shape))]), new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle });
}
