using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using QuickDrawDsl.Runtime.Training.Schedules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "qd-ckpt-" + Guid.NewGuid().ToString("N"));
    private readonly List<VectorSample> train = SyntheticTasks.Blobs(160, 3, 4, seed: 51, spread: 1.2);
    private readonly List<VectorSample> valid = SyntheticTasks.Blobs(48, 3, 4, seed: 52, spread: 1.2);

    public CheckpointTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Sgd)]
    public void ResumedRunReachesBitIdenticalWeights(OptimizerKind optimizer)
    {
        const int epochs = 6;
        TrainerOptions Options(string checkpoint) => new()
        {
            Epochs = epochs,
            LearningRate = 0.02,
            Optimizer = optimizer,
            Momentum = 0.9,
            Nesterov = optimizer == OptimizerKind.Sgd,
            WeightDecay = 0.01,
            Schedule = new ReduceLrOnPlateauSchedule(MetricNames.TrainLoss, factor: 0.5, patience: 0, threshold: 0.05),
            ClipGradientNorm = 1.0,
            LabelSmoothing = 0.1,
            EarlyStopping = new EarlyStoppingOptions { Monitor = MetricNames.ValidationAccuracy, Mode = MetricMode.Max, Patience = 100 },
            RestoreBestModel = false,
            CheckpointPath = checkpoint,
            Seed = 1234,
            Progress = ProgressMode.None,
        };

        // Uninterrupted.
        using var full = new TinyClassifier(4, 24, 3, seed: 53, dropoutRate: 0.3);
        TrainingResult uninterrupted;
        using (var trainer = new Trainer(full, Options(Path.Combine(dir, "full.qdckpt"))))
        {
            uninterrupted = trainer.Fit(Loader(train), Loader(valid, shuffle: false));
        }

        // Killed after 2 epochs: everything disposed, nothing but the checkpoint survives.
        string checkpoint = Path.Combine(dir, "killed.qdckpt");
        using (var killedModel = new TinyClassifier(4, 24, 3, seed: 53, dropoutRate: 0.3))
        using (var killed = new Trainer(killedModel, Options(checkpoint)))
        using (var cancel = new CancellationTokenSource())
        {
            killed.EpochCompleted += (_, r) =>
            {
                if (r.Epoch == 1)
                {
                    cancel.Cancel();
                }
            };
            TrainingResult partial = killed.Fit(Loader(train), Loader(valid, shuffle: false), cancel.Token);
            partial.Cancelled.ShouldBeTrue();
            partial.History.Count.ShouldBe(2);
        }

        // Disturb torch's generator: the resumed run must restore it from the checkpoint.
        random.manual_seed(999);
        using var resumedModel = new TinyClassifier(4, 24, 3, seed: 777, dropoutRate: 0.3);
        TrainingResult resumed;
        using (var trainer = new Trainer(resumedModel, Options(checkpoint)))
        {
            resumed = trainer.Fit(Loader(train), Loader(valid, shuffle: false));
        }

        resumed.History.Count.ShouldBe(epochs);
        resumed.History.Select(r => r.LearningRate).ShouldBe(uninterrupted.History.Select(r => r.LearningRate));
        resumed.History.Select(r => r.Get(MetricNames.ValidationLoss)).ShouldBe(uninterrupted.History.Select(r => r.Get(MetricNames.ValidationLoss)));
        resumed.BestEpoch.ShouldBe(uninterrupted.BestEpoch);
        uninterrupted.History.Select(r => r.LearningRate).Distinct().Count().ShouldBeGreaterThan(1, "the plateau schedule should have reduced the rate, so its state matters");

        Dictionary<string, Tensor> a = full.state_dict();
        Dictionary<string, Tensor> b = resumedModel.state_dict();
        a.Keys.ShouldBe(b.Keys);
        foreach (string key in a.Keys)
        {
            a[key].bytes.SequenceEqual(b[key].bytes).ShouldBeTrue($"{key} differs after resume");
        }
    }

    [Fact]
    public void BrokenCheckpointsAreRefusedWithTheFileAndTheProblem()
    {
        string path = Path.Combine(dir, "good.qdckpt");
        using (var model = new TinyClassifier(4, 8, 3, seed: 54))
        using (var trainer = new Trainer(model, new TrainerOptions { Epochs = 1, CheckpointPath = path, Progress = ProgressMode.None }))
        {
            trainer.Fit(Loader(train));
        }

        Directory.GetFiles(dir).ShouldBe([path], "the atomic write must not leave temporary files");
        byte[] good = File.ReadAllBytes(path);

        string flipped = Path.Combine(dir, "flipped.qdckpt");
        byte[] copy = (byte[])good.Clone();
        copy[^100] ^= 0x01;
        File.WriteAllBytes(flipped, copy);
        Refusal(flipped).ShouldContain("corrupt: the SHA-256 checksum");

        string truncated = Path.Combine(dir, "truncated.qdckpt");
        File.WriteAllBytes(truncated, good[..(good.Length / 2)]);
        Refusal(truncated).ShouldContain("is truncated: the header declares");

        string headerOnly = Path.Combine(dir, "header.qdckpt");
        File.WriteAllBytes(headerOnly, good[..10]);
        Refusal(headerOnly).ShouldContain("is truncated: the file ends inside its header");

        string foreign = Path.Combine(dir, "foreign.qdckpt");
        File.WriteAllText(foreign, "this is not a checkpoint at all");
        Refusal(foreign).ShouldContain("is not a QuickDrawDsl checkpoint");

        using (var sgdModel = new TinyClassifier(4, 8, 3, seed: 57))
        using (var sgd = new Trainer(sgdModel, new TrainerOptions { Epochs = 2, Optimizer = OptimizerKind.Sgd, CheckpointPath = path, Progress = ProgressMode.None }))
        {
            Should.Throw<CheckpointException>(() => sgd.Fit(Loader(train))).Message.ShouldContain("Adam optimizer; this run uses Sgd");
        }

        using var other = new TinyClassifier(4, 9, 3, seed: 55);
        using var mismatched = new Trainer(other, new TrainerOptions { Epochs = 2, CheckpointPath = path, Progress = ProgressMode.None });
        var ex = Should.Throw<CheckpointException>(() => mismatched.Fit(Loader(train)));
        ex.FilePath.ShouldBe(path);
        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("belongs to a different model");
        ex.Message.ShouldContain("hidden.weight[9,4]:Float32");
        ex.Message.ShouldContain("hidden.weight[8,4]:Float32");
    }

    private static DataLoader<VectorSample> Loader(List<VectorSample> samples, bool shuffle = true) =>
        SyntheticTasks.ClassificationLoader(samples, 16, shuffle);

    private string Refusal(string path)
    {
        using var model = new TinyClassifier(4, 8, 3, seed: 56);
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 2, CheckpointPath = path, Progress = ProgressMode.None });
        var ex = Should.Throw<CheckpointException>(() => trainer.Fit(Loader(train)));
        ex.Message.ShouldStartWith($"Checkpoint '{path}' ");
        return ex.Message;
    }
}
