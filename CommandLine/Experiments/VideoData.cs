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
        Preprocessing.Labels.Select((l, c) => (l, Count: (long)split.Train.Count(i => split.Clips.LabelOf(i) == c))).ToDictionary(p => p.l, p => p.Count);

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

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module) => new Dictionary<string, double>();

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private DataLoader<int> Loader(IReadOnlyList<int> indices, int batchSize, bool shuffle) =>
        new(new ListDataset<int>([.. indices]), ids => VideoCollate.Classification([.. ids.Select(i => Fit(split.Clips.Get(i), shape))]), new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle });
}
