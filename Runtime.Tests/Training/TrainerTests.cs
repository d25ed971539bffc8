using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Plotting;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Reporting;
using QuickDrawDsl.Runtime.Training.Schedules;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "qd-trainer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void LossFallsAndAccuracyRisesOnSeparableBlobs()
    {
        List<VectorSample> train = SyntheticTasks.Blobs(384, classes: 3, features: 4, seed: 1);
        List<VectorSample> valid = SyntheticTasks.Blobs(96, classes: 3, features: 4, seed: 2);
        using var model = new TinyClassifier(4, 16, 3, seed: 3);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 6,
            LearningRate = 0.01,
            Progress = ProgressMode.None,
            TopK = 2,
            ClassCount = 3,
        });

        TrainingResult result = trainer.Fit(SyntheticTasks.ClassificationLoader(train, 32), SyntheticTasks.ClassificationLoader(valid, 64, shuffle: false));

        result.History.Count.ShouldBe(6);
        double first = result.History[0].Get(MetricNames.TrainLoss);
        double last = result.History[^1].Get(MetricNames.TrainLoss);
        last.ShouldBeLessThan(first * 0.5, $"train loss {first} → {last}");
        result.History[^1].Get(MetricNames.ValidationAccuracy).ShouldBeGreaterThan(0.9);
        result.History[^1].Get(MetricNames.ValidationTopKAccuracy).ShouldBeGreaterThanOrEqualTo(result.History[^1].Get(MetricNames.ValidationAccuracy));
        result.ValidationConfusion.ShouldNotBeNull();
        result.ValidationConfusion.Total.ShouldBe(96);
        // The best epoch is the one with the lowest validation loss in the history (the default monitor), and its value.
        int best = Enumerable.Range(0, 6).MinBy(i => result.History[i].Get(MetricNames.ValidationLoss));
        result.BestEpoch.ShouldBe(best);
        result.BestValue.ShouldBe(result.History[best].Get(MetricNames.ValidationLoss));
    }

    [Theory]
    [InlineData(LossKind.Mse, OptimizerKind.Adam)]
    [InlineData(LossKind.Huber, OptimizerKind.AdamW)]
    [InlineData(LossKind.Mae, OptimizerKind.Sgd)]
    public void RegressionLossesLearnALinearFunction(LossKind lossKind, OptimizerKind optimizerKind)
    {
        List<VectorSample> data = SyntheticTasks.Linear(256, seed: 5);
        using var model = nn.Linear(2, 1);
        TinyClassifier.Initialize(model, 6);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 8,
            Loss = lossKind,
            Optimizer = optimizerKind,
            LearningRate = optimizerKind == OptimizerKind.Sgd ? 0.05 : 0.05,
            Momentum = 0.9,
            WeightDecay = 1e-4,
            Progress = ProgressMode.None,
        });
        var loader = new DataLoader<VectorSample>(new ListDataset<VectorSample>(data), VectorSample.Regression, new DataLoaderOptions { BatchSize = 16 });
        TrainingResult result = trainer.Fit(loader, loader);

        double firstMae = result.History[0].Get(MetricNames.ValidationMae);
        double lastMae = result.History[^1].Get(MetricNames.ValidationMae);
        lastMae.ShouldBeLessThan(0.3, $"{lossKind}/{optimizerKind}: validation MAE {firstMae} → {lastMae}");
        result.History[^1].Metrics.ShouldContainKey(MetricNames.TrainMae);
    }

    [Fact]
    public void ScheduleDrivesTheOptimizerLearningRate()
    {
        List<VectorSample> data = SyntheticTasks.Blobs(64, 2, 2, seed: 7);
        using var model = new TinyClassifier(2, 4, 2, seed: 8);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 5,
            Optimizer = OptimizerKind.Sgd,
            LearningRate = 0.2,
            Momentum = 0.9,
            Schedule = new StepLrSchedule(2, 0.1),
            Progress = ProgressMode.None,
        });
        var seen = new List<double>();
        trainer.EpochCompleted += (_, _) => seen.Add(trainer.CurrentLearningRate);
        TrainingResult result = trainer.Fit(SyntheticTasks.ClassificationLoader(data, 16));
        result.History.Select(r => r.LearningRate).ShouldBe([0.2, 0.2, 0.02, 0.02, 0.002], tolerance: 1e-12);
        seen.ShouldBe([0.2, 0.2, 0.02, 0.02, 0.002], tolerance: 1e-12);
    }

    [Fact]
    public void ClippingByNormBoundsTheUpdate()
    {
        // SGD, lr 1, no momentum, one batch: the update equals the (clipped) gradient.
        List<VectorSample> data = SyntheticTasks.Linear(32, seed: 9).Select(s => s with { Target = s.Target * 1000 }).ToList();
        var loader = new DataLoader<VectorSample>(new ListDataset<VectorSample>(data), VectorSample.Regression, new DataLoaderOptions { BatchSize = 32, Shuffle = false });

        double UpdateNorm(double? clipNorm, double? clipValue, out float maxAbs)
        {
            using var model = nn.Linear(2, 1);
            TinyClassifier.Initialize(model, 10);
            using Tensor before = torch.cat([model.weight!.detach().flatten(), model.bias!.detach().flatten()]);
            using var trainer = new Trainer(model, new TrainerOptions
            {
                Epochs = 1,
                Loss = LossKind.Mse,
                Optimizer = OptimizerKind.Sgd,
                LearningRate = 1.0,
                ClipGradientNorm = clipNorm,
                ClipGradientValue = clipValue,
                Progress = ProgressMode.None,
            });
            trainer.Fit(loader);
            using Tensor after = torch.cat([model.weight!.detach().flatten(), model.bias!.detach().flatten()]);
            using Tensor delta = after - before;
            maxAbs = delta.abs().max().item<float>();
            return delta.norm().item<float>();
        }

        double raw = UpdateNorm(null, null, out _);
        raw.ShouldBeGreaterThan(100);
        UpdateNorm(0.5, null, out _).ShouldBe(0.5, tolerance: 1e-3);
        UpdateNorm(null, 0.25, out float maxAbs);
        maxAbs.ShouldBe(0.25f, tolerance: 1e-6);
    }

    [Fact]
    public void EarlyStoppingStopsAndRestoresTheBestWeights()
    {
        // Validation labels are the opposite of the training labels: validation loss rises as training proceeds.
        List<VectorSample> train = SyntheticTasks.Blobs(128, 2, 2, seed: 11);
        List<VectorSample> flipped = train.Select(s => s with { Label = 1 - s.Label }).ToList();
        using var model = new TinyClassifier(2, 8, 2, seed: 12);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 30,
            LearningRate = 0.02,
            EarlyStopping = new EarlyStoppingOptions { Monitor = MetricNames.ValidationLoss, Mode = MetricMode.Min, Patience = 2 },
            Progress = ProgressMode.None,
        });
        var validation = SyntheticTasks.ClassificationLoader(flipped, 128, shuffle: false);
        TrainingResult result = trainer.Fit(SyntheticTasks.ClassificationLoader(train, 32), validation);

        result.StoppedEarly.ShouldBeTrue();
        result.History.Count.ShouldBe(result.BestEpoch + 3);
        double bestLoss = result.History[result.BestEpoch].Get(MetricNames.ValidationLoss);
        result.BestValue.ShouldBe(bestLoss);
        trainer.Evaluate(validation, MetricNames.ValidationSplit).Metrics[MetricNames.ValidationLoss].ShouldBe(bestLoss, tolerance: 1e-6);
    }

    [Fact]
    public void WritesCsvTensorBoardAndPlots()
    {
        List<VectorSample> train = SyntheticTasks.Blobs(96, 3, 2, seed: 13);
        using var model = new TinyClassifier(2, 8, 3, seed: 14);
        var log = new StringWriter();
        var plots = new TrainingPlotsCallback();
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 3,
            LearningRate = 0.01,
            OutputDirectory = dir,
            Progress = ProgressMode.Plain,
            LogEveryBatches = 2,
            Log = log,
            ClassNames = ["a", "b", "c"],
            Callbacks = [plots],
        });
        TrainingResult result = trainer.Fit(SyntheticTasks.ClassificationLoader(train, 16), SyntheticTasks.ClassificationLoader(train, 32, shuffle: false));

        string[] csv = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        csv.Length.ShouldBe(4);
        csv[0].ShouldBe("epoch,learning_rate,seconds,samples_per_second,train_loss,train_accuracy,val_loss,val_accuracy,val_topk_accuracy,val_precision,val_recall,val_f1");
        csv[1].ShouldStartWith("0,0.01,");
        csv[3].ShouldStartWith("2,0.01,");
        csv.Skip(1).ShouldAllBe(line => line.Split(',').Length == 12);
        double.Parse(csv[3].Split(',')[4], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(result.History[2].Get(MetricNames.TrainLoss));

        Directory.GetFiles(Path.Combine(dir, "tensorboard"), "events.out.tfevents.*").ShouldNotBeEmpty();
        string events = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(Directory.GetFiles(Path.Combine(dir, "tensorboard"))[0]));
        events.ShouldContain("val_accuracy");
        events.ShouldContain("learning_rate");

        foreach (string png in new[] { "loss.png", "accuracy.png", "confusion_matrix.png" })
        {
            string path = Path.Combine(dir, png);
            plots.Files.ShouldContain(path);
            using SKBitmap? image = SKBitmap.Decode(path);
            image.ShouldNotBeNull(png);
            image.Width.ShouldBeGreaterThanOrEqualTo(500);
            image.Height.ShouldBeGreaterThanOrEqualTo(400);
            new FileInfo(path).Length.ShouldBeGreaterThan(5_000);
        }

        string text = log.ToString();
        text.ShouldContain("epoch 1/3");
        text.ShouldContain("epoch 1 batch 2/6");
        text.ShouldContain("val_accuracy");
        text.ShouldContain("validation per-class accuracy: a ");
        text.Split('\n').Count(l => l.StartsWith("epoch 3/3", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void PerClassAccuracyLineLeavesOutAbsentClassesAndShowsTheWeakestOfMany()
    {
        Trainer.PerClassAccuracyLine([1.0, double.NaN, 0.5], i => "c" + i)
            .ShouldBe("validation per-class accuracy (1 classes not in the validation data): c0 1.000, c2 0.500");

        // 345 classes, 64 in the validation data: the 12 lowest, ties in class order.
        double[] many = [.. Enumerable.Range(0, 345).Select(i => i < 64 ? (i % 8) / 8.0 : double.NaN)];
        string line = Trainer.PerClassAccuracyLine(many, i => "c" + i);
        line.ShouldStartWith("validation per-class accuracy, the 12 lowest of 64 (281 classes not in the validation data): c0 0.000, c8 0.000, ");
        line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", ").Length.ShouldBe(12);
        line.ShouldEndWith("c1 0.125, c9 0.125, c17 0.125, c25 0.125");
        line.ShouldNotContain("NaN");
    }

    [Fact]
    public void LiveProgressRunsTheLoop()
    {
        List<VectorSample> train = SyntheticTasks.Blobs(64, 2, 2, seed: 15);
        using var model = new TinyClassifier(2, 4, 2, seed: 16);
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 2, Progress = ProgressMode.Live });
        trainer.Fit(SyntheticTasks.ClassificationLoader(train, 16)).History.Count.ShouldBe(2);
    }

    [Fact]
    public void AutoProgressIsPlainWhenOutputIsRedirectedOrInCi()
    {
        // Test runners redirect stdout, so Auto must fall back to plain lines.
        TrainingProgressHost.Resolve(ProgressMode.Auto).ShouldBe(ProgressMode.Plain);
        TrainingProgressHost.Resolve(ProgressMode.Live).ShouldBe(ProgressMode.Live);
        TrainingProgressHost.Resolve(ProgressMode.None).ShouldBe(ProgressMode.None);
    }

    [Fact]
    public void DeviceChoiceFollowsCudaAvailability()
    {
        using var model = nn.Linear(2, 1);
        using var auto = new Trainer(model, new TrainerOptions { Device = DeviceChoice.Auto });
        if (torch.cuda.is_available())
        {
            auto.Device.type.ShouldBe(DeviceType.CUDA);
        }
        else
        {
            auto.Device.type.ShouldBe(DeviceType.CPU);
            var ex = Should.Throw<DeviceUnavailableException>(() => new Trainer(model, new TrainerOptions { Device = DeviceChoice.Cuda }));
            ex.Message.ShouldStartWith("CUDA was asked for but ");
            ex.Message.ShouldContain("--device cpu");
        }
    }
}
