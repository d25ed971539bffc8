using System.Collections.Generic;
using System.Diagnostics;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Training;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Training;

public sealed class MemoryTests
{
    [Fact]
    public void LiveTensorCountStaysFlatAcrossEpochs()
    {
        List<VectorSample> data = SyntheticTasks.Blobs(512, 4, 16, seed: 61);
        var loader = new DataLoader<VectorSample>(new ListDataset<VectorSample>(data), VectorSample.Classification, new DataLoaderOptions { BatchSize = 32, PrefetchBatches = 2 });
        using var model = new TinyClassifier(16, 64, 4, seed: 62, dropoutRate: 0.1);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 12,
            Progress = ProgressMode.None,
            EarlyStopping = new EarlyStoppingOptions { Monitor = MetricNames.ValidationAccuracy, Mode = MetricMode.Max, Patience = 100 },
        });
        var live = new List<long>();
        var rss = new List<long>();
        trainer.EpochCompleted += (_, _) =>
        {
            live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            using var process = Process.GetCurrentProcess();
            rss.Add(process.WorkingSet64);
        };

        trainer.Fit(loader, loader);

        live.Count.ShouldBe(12);
        for (int i = 2; i < live.Count; i++)
        {
            live[i].ShouldBe(live[1], $"live tensors after epoch {i + 1}: [{string.Join(", ", live)}]");
        }

        // RSS is noisy (native allocator): only a steady leak of many MB per epoch would fail this.
        (rss[^1] - rss[1]).ShouldBeLessThan(256L * 1024 * 1024, $"RSS per epoch: [{string.Join(", ", rss)}]");
    }
}
