using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Runtime.Tests.Training;

public sealed class EarlyStoppingTests
{
    [Fact]
    public void StopsPatienceEpochsAfterTheLastImprovement()
    {
        var stopping = new EarlyStopping(new EarlyStoppingOptions { Monitor = "val_loss", Mode = MetricMode.Min, Patience = 3 });
        double[] script = [1.0, 0.8, 0.7, 0.72, 0.71, 0.75, 0.5, 0.4];
        int stoppedAt = -1;
        for (int epoch = 0; epoch < script.Length; epoch++)
        {
            stopping.Update(epoch, script[epoch]);
            if (stopping.ShouldStop)
            {
                stoppedAt = epoch;
                break;
            }
        }

        stoppedAt.ShouldBe(5);
        stopping.BestEpoch.ShouldBe(2);
        stopping.Best.ShouldBe(0.7);
        stopping.Wait.ShouldBe(3);
    }

    [Fact]
    public void MaxModeWithMinDeltaIgnoresTinyGains()
    {
        var stopping = new EarlyStopping(new EarlyStoppingOptions { Monitor = "val_accuracy", Mode = MetricMode.Max, Patience = 2, MinDelta = 0.01 });
        stopping.Update(0, 0.50).ShouldBeTrue();
        stopping.Update(1, 0.505).ShouldBeFalse();
        stopping.Update(2, 0.52).ShouldBeTrue();
        stopping.Update(3, 0.525).ShouldBeFalse();
        stopping.ShouldStop.ShouldBeFalse();
        stopping.Update(4, 0.40).ShouldBeFalse();
        stopping.ShouldStop.ShouldBeTrue();
        stopping.BestEpoch.ShouldBe(2);
    }
}
