using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Schedules;

namespace QuickDrawDsl.Runtime.Tests.Training;

public sealed class ScheduleTests
{
    [Fact]
    public void StepScheduleDecaysEveryStepSizeEpochs()
    {
        var schedule = new StepLrSchedule(stepSize: 2, gamma: 0.5);
        double[] lrs = Enumerable.Range(0, 7).Select(e => schedule.LearningRateFor(e, 0.1)).ToArray();
        lrs.ShouldBe([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125], tolerance: 1e-15);
    }

    [Fact]
    public void CosineScheduleFollowsTheHalfCosineAndHoldsTheMinimum()
    {
        var schedule = new CosineLrSchedule(period: 4, minLearningRate: 0.01);
        double[] lrs = Enumerable.Range(0, 6).Select(e => schedule.LearningRateFor(e, 0.11)).ToArray();
        double half = Math.Sqrt(0.5);
        double[] expected =
        [
            0.11,
            0.01 + (0.1 * (1 + half) / 2),
            0.06,
            0.01 + (0.1 * (1 - half) / 2),
            0.01,
            0.01,
        ];
        lrs.ShouldBe(expected, tolerance: 1e-12);
    }

    [Fact]
    public void ReduceOnPlateauHalvesAfterPatienceIsExceeded()
    {
        var schedule = new ReduceLrOnPlateauSchedule(MetricNames.ValidationLoss, MetricMode.Min, factor: 0.5, patience: 1, threshold: 0);
        double[] losses = [1.0, 0.9, 0.95, 0.96, 0.8, 0.85, 0.9];
        var used = new List<double>();
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            used.Add(schedule.LearningRateFor(epoch, 1.0));
            schedule.EpochEnded(epoch, new Dictionary<string, double> { [MetricNames.ValidationLoss] = losses[epoch] });
        }

        used.Add(schedule.LearningRateFor(losses.Length, 1.0));
        used.ShouldBe([1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25]);
    }

    [Fact]
    public void ReduceOnPlateauStateRoundTrips()
    {
        var a = new ReduceLrOnPlateauSchedule(factor: 0.5, patience: 0, threshold: 0);
        a.EpochEnded(0, new Dictionary<string, double> { [MetricNames.ValidationLoss] = 1 });
        a.EpochEnded(1, new Dictionary<string, double> { [MetricNames.ValidationLoss] = 2 });
        var b = new ReduceLrOnPlateauSchedule(factor: 0.5, patience: 0, threshold: 0);
        b.LoadState(a.SaveState());
        b.LearningRateFor(2, 1.0).ShouldBe(0.5);
        b.EpochEnded(2, new Dictionary<string, double> { [MetricNames.ValidationLoss] = 1.5 });
        b.LearningRateFor(3, 1.0).ShouldBe(0.25);
    }

    [Fact]
    public void ReduceOnPlateauNamesAMissingMetric()
    {
        var schedule = new ReduceLrOnPlateauSchedule(monitor: "val_accuracy");
        var ex = Should.Throw<InvalidOperationException>(() => schedule.EpochEnded(0, new Dictionary<string, double> { ["train_loss"] = 1 }));
        ex.Message.ShouldContain("val_accuracy");
        ex.Message.ShouldContain("train_loss");
    }
}
