using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Metrics;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>The Trainer's extension points: callbacks, custom losses and metrics, split-keyed evaluation, top-k, class weights.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class TrainerExtensibilityTests
{
    private static TrainerOptions Quiet(int epochs) => new()
    {
        Epochs = epochs,
        LearningRate = 0.01,
        Progress = ProgressMode.None,
        TensorBoard = false,
    };

    [Fact]
    public void CallbacksSeeEveryHookAndCanStopTheRun()
    {
        List<VectorSample> data = SyntheticTasks.Blobs(64, 3, 2, seed: 21);
        using var model = new TinyClassifier(2, 8, 3, seed: 22);
        var recorder = new RecordingCallback(stopAfterEpoch: 2);
        using var trainer = new Trainer(model, Quiet(6) with { Callbacks = [recorder] });

        TrainingResult result = trainer.Fit(SyntheticTasks.ClassificationLoader(data, 16), SyntheticTasks.ClassificationLoader(data, 32, shuffle: false));

        result.History.Count.ShouldBe(2);
        result.StoppedEarly.ShouldBeTrue();
        recorder.Events.ShouldBe(
            ["begin", "epoch 0", .. Enumerable.Range(0, 4).Select(b => $"batch 0.{b}/4"), "end 0",
             "epoch 1", .. Enumerable.Range(0, 4).Select(b => $"batch 1.{b}/4"), "end 1", "train end 2"]);
        recorder.BatchLosses.ShouldAllBe(l => double.IsFinite(l) && l > 0);
        recorder.BatchLosses.Count.ShouldBe(8);
    }

    [Fact]
    public void CustomLossIsMinimisedAndCustomMetricsAreRecordedPerSplit()
    {
        List<VectorSample> data = SyntheticTasks.Linear(128, seed: 23);
        using var model = new Linear2To1();
        int calls = 0;
        ILoss loss = Loss.FromFunction("squared", TrainingTask.Regression, (output, target) =>
        {
            calls++;
            return (output - target.reshape(output.shape)).pow(2).mean();
        });
        IMetric meanOutput = Metric.Mean("mean_output", (output, _) => output.mean().item<float>());
        using var trainer = new Trainer(model, Quiet(8) with { CustomLoss = loss, Metrics = [meanOutput], Loss = LossKind.Mae, LearningRate = 0.1 });
        var loader = new DataLoader<VectorSample>(new ListDataset<VectorSample>(data), VectorSample.Regression, new DataLoaderOptions { BatchSize = 16 });

        TrainingResult result = trainer.Fit(loader, loader);

        calls.ShouldBeGreaterThan(8 * 8);
        trainer.Task.ShouldBe(TrainingTask.Regression);
        result.History[^1].Get(MetricNames.TrainLoss).ShouldBeLessThan(result.History[0].Get(MetricNames.TrainLoss) / 4);
        result.History[^1].Metrics.Keys.ShouldBe(["train_loss", "train_mae", "train_mean_output", "val_loss", "val_mae", "val_mean_output"], ignoreOrder: true);
        // The targets' mean is about 0.5 (y = 2·x0 − x1 + 0.5); a fitted model's mean output follows it.
        result.History[^1].Get("val_mean_output").ShouldBe(data.Average(s => s.Target), tolerance: 0.15);

        EvaluationResult test = trainer.Evaluate(loader);
        test.Split.ShouldBe("test");
        test.Metrics.Keys.ShouldBe(["test_loss", "test_mae", "test_mean_output"], ignoreOrder: true);
        test["loss"].ShouldBe(result.History[^1].Get(MetricNames.ValidationLoss), tolerance: 1e-5);
    }

    [Fact]
    public void CustomTaskRecordsOnlyTheLossAndItsOwnMetrics()
    {
        List<VectorSample> data = SyntheticTasks.Blobs(48, 3, 2, seed: 24);
        using var model = new TinyClassifier(2, 8, 3, seed: 25);
        ILoss loss = Loss.FromFunction("logsumexp", TrainingTask.Custom, (output, _) => output.logsumexp(1).mean());
        using var trainer = new Trainer(model, Quiet(2) with { CustomLoss = loss });

        TrainingResult result = trainer.Fit(SyntheticTasks.ClassificationLoader(data, 16), SyntheticTasks.ClassificationLoader(data, 16, shuffle: false));

        result.History[^1].Metrics.Keys.ShouldBe(["train_loss", "val_loss"], ignoreOrder: true);
        result.ValidationConfusion.ShouldBeNull();
    }

    [Fact]
    public void EvaluationIsKeyedByItsSplitWithPrecisionRecallAndF1()
    {
        List<VectorSample> data = SyntheticTasks.Blobs(96, 4, 2, seed: 26);
        using var model = new TinyClassifier(2, 16, 4, seed: 27);
        using var trainer = new Trainer(model, Quiet(10) with { ClassCount = 4 });
        trainer.Fit(SyntheticTasks.ClassificationLoader(data, 16));

        EvaluationResult holdout = trainer.Evaluate(SyntheticTasks.ClassificationLoader(data, 32, shuffle: false), "holdout");

        holdout.Metrics.Keys.ShouldBe(
            ["holdout_loss", "holdout_accuracy", "holdout_topk_accuracy", "holdout_precision", "holdout_recall", "holdout_f1"], ignoreOrder: true);
        ConfusionMatrix confusion = holdout.Confusion.ShouldNotBeNull();
        holdout["accuracy"].ShouldBe(confusion.Accuracy, tolerance: 1e-12);
        holdout["recall"].ShouldBe(Enumerable.Range(0, 4).Average(confusion.Recall), tolerance: 1e-12);
        holdout["f1"].ShouldBe(confusion.MacroF1, tolerance: 1e-12);
        holdout["accuracy"].ShouldBeGreaterThan(0.8);
        // 4 classes: the default k is 3, not 5 (top-4 of 4 classes would always be right).
        holdout.TopK.ShouldBe(3);
        holdout["topk_accuracy"].ShouldBeLessThanOrEqualTo(1.0);
        Should.Throw<ArgumentException>(() => trainer.Evaluate(SyntheticTasks.ClassificationLoader(data, 32), "Test Set")).Message.ShouldContain("'Test Set'");
    }

    [Fact]
    public void TopKIsNeverMoreThanTheClassCount()
    {
        using var model = new TinyClassifier(2, 8, 3, seed: 28);
        Should.Throw<ArgumentOutOfRangeException>(() => new Trainer(model, Quiet(1) with { ClassCount = 3, TopK = 5 }))
            .Message.ShouldContain("TopK 5 is more than the 3 classes");

        using var unknownCount = new Trainer(model, Quiet(1) with { TopK = 10 });
        unknownCount.TopKFor(3).ShouldBe(3);
        using var defaults = new Trainer(model, Quiet(1));
        defaults.TopKFor(4).ShouldBe(3);
        defaults.TopKFor(2).ShouldBe(1);
        defaults.TopKFor(345).ShouldBe(5);
        List<VectorSample> data = SyntheticTasks.Blobs(30, 3, 2, seed: 29);
        unknownCount.Evaluate(SyntheticTasks.ClassificationLoader(data, 30)).TopK.ShouldBe(3);
    }

    [Fact]
    public void ClassWeightsWeighTheCrossEntropy()
    {
        using var scope = NewDisposeScope();
        Tensor logits = tensor(new float[] { 2, 0, 0, 1, 0.5f, 0, 0, 3 }, [4, 2]);
        Tensor targets = tensor(new long[] { 0, 0, 1, 1 });
        float[] weights = [1f, 3f];
        double[] perSample = [.. Enumerable.Range(0, 4).Select(i =>
        {
            float[] row = [logits[i, 0].item<float>(), logits[i, 1].item<float>()];
            double logSum = Math.Log(Math.Exp(row[0]) + Math.Exp(row[1]));
            return logSum - row[targets[i].item<long>()];
        })];
        double expected = ((1 * (perSample[0] + perSample[1])) + (3 * (perSample[2] + perSample[3]))) / (1 + 1 + 3 + 3);

        ((double)Losses.CrossEntropy(logits, targets, classWeights: weights).item<float>()).ShouldBe(expected, tolerance: 1e-5);
        ((double)Losses.CrossEntropy(logits, targets).item<float>()).ShouldBe(perSample.Average(), tolerance: 1e-5);
        Should.Throw<ArgumentException>(() => Losses.CrossEntropy(logits, targets, classWeights: [1f, 2f, 3f])).Message.ShouldContain("3 class weights were given for a model with 2 classes");

        ClassWeights.Balanced([10, 30]).ShouldBe([2f, 2f / 3], tolerance: 1e-6);
        Should.Throw<ArgumentException>(() => ClassWeights.Balanced([10, 0])).Message.ShouldContain("class 1 has 0 training samples");
        using var model = new TinyClassifier(2, 8, 3, seed: 30);
        Should.Throw<ArgumentException>(() => new Trainer(model, Quiet(1) with { ClassCount = 3, ClassWeights = [1f, 2f] })).Message.ShouldContain("2 class weights were given for 3 classes");
        Should.Throw<ArgumentException>(() => new Trainer(model, Quiet(1) with { Loss = LossKind.Mse, ClassWeights = [1f, 2f, 1f] })).Message.ShouldContain("built-in cross-entropy");
        Should.Throw<ArgumentException>(() => new Trainer(model, Quiet(1) with { Metrics = [Metric.Mean("accuracy", (_, _) => 0)] })).Message.ShouldContain("'accuracy' is used twice");
    }

    [Fact]
    public void ClassWeightsRaiseTheRecallOfARareClass()
    {
        // 90 % class 0 and 10 % class 1, overlapping: unweighted training mostly predicts 0; balanced weights trade
        // majority accuracy for minority recall.
        List<VectorSample> data = [.. SyntheticTasks.Blobs(400, 2, 2, seed: 31, spread: 1.6).Where((s, i) => s.Label == 0 || i % 9 == 0)];
        long[] counts = [data.Count(s => s.Label == 0), data.Count(s => s.Label == 1)];
        double Recall(IReadOnlyList<float>? weights)
        {
            using var model = new TinyClassifier(2, 8, 2, seed: 32);
            using var trainer = new Trainer(model, Quiet(15) with { ClassCount = 2, ClassWeights = weights });
            trainer.Fit(SyntheticTasks.ClassificationLoader(data, 32));
            return trainer.Evaluate(SyntheticTasks.ClassificationLoader(data, 64, shuffle: false)).Confusion!.Recall(1);
        }

        double plain = Recall(null);
        double weighted = Recall(ClassWeights.Balanced(counts));
        weighted.ShouldBeGreaterThan(plain + 0.2);
    }

    private sealed class RecordingCallback(int stopAfterEpoch) : ITrainingCallback
    {
        public List<string> Events { get; } = [];

        public List<double> BatchLosses { get; } = [];

        public void OnTrainBegin(TrainingContext context) => Events.Add("begin");

        public void OnEpochBegin(TrainingContext context, int epoch) => Events.Add($"epoch {epoch}");

        public void OnBatchEnd(TrainingContext context, BatchResult batch)
        {
            Events.Add($"batch {batch.Epoch}.{batch.Batch}/{batch.BatchesPerEpoch}");
            BatchLosses.Add(batch.Loss);
        }

        public void OnEpochEnd(TrainingContext context, EpochResult epoch)
        {
            Events.Add($"end {epoch.Epoch}");
            if (epoch.Epoch + 1 == stopAfterEpoch)
            {
                context.RequestStop($"stop after {stopAfterEpoch} epochs");
            }
        }

        public void OnTrainEnd(TrainingContext context, TrainingResult result) => Events.Add($"train end {result.History.Count}");
    }

    private sealed class Linear2To1 : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear linear;

        public Linear2To1()
            : base(nameof(Linear2To1))
        {
            linear = nn.Linear(2, 1);
            RegisterComponents();
            TinyClassifier.Initialize(this, 33);
        }

        public override Tensor forward(Tensor input) => linear.call(input);
    }
}
