using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>Builds the run's model and batch loaders.</summary>
internal static class ClipModel
{
    public static MotionClassifier Create(RunSettings settings)
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(settings.Seed);
        return new MotionClassifier(new MotionClassifierOptions { Classes = settings.Classes.Count });
    }

    public static DataLoader<VideoClip> Loader(IReadOnlyList<VideoClip> clips, int batchSize, bool shuffle) =>
        new(new ListDataset<VideoClip>(clips), VideoCollate.Classification, new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle });
}
