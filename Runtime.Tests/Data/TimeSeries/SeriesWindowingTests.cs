using System;
using System.Linq;
using QuickDrawDsl.Runtime.Data.TimeSeries;
using QuickDrawDsl.Runtime.Native;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Data.TimeSeries;

public sealed class SeriesWindowingTests
{
    private static readonly float[] ZeroToNine = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();

    [Fact]
    public void SequenceToVectorTargetsAreTheNextKValues()
    {
        WindowedSeries w = SeriesWindowing.Create(ZeroToNine, features: 1, window: 3, horizon: 2, targetFeature: 0, WindowLayout.SequenceToVector);

        w.Count.ShouldBe(6);
        w.Inputs.Take(3).ShouldBe([0f, 1f, 2f]);
        w.Targets.Take(2).ShouldBe([3f, 4f]);
        w.Inputs.Skip(15).ShouldBe([5f, 6f, 7f]);
        w.Targets.Skip(10).ShouldBe([8f, 9f]);
        w.StartIndices.ShouldBe([0, 1, 2, 3, 4, 5]);
        w.TargetShape.ShouldBe([6L, 2L]);
    }

    [Fact]
    public void SequenceToSequenceTargetsFollowEveryInputStep()
    {
        WindowedSeries w = SeriesWindowing.Create(ZeroToNine, 1, 3, 2, 0, WindowLayout.SequenceToSequence);

        w.Count.ShouldBe(6);
        w.Targets.Take(6).ShouldBe([1f, 2f, 2f, 3f, 3f, 4f]);
        w.Targets.Skip(30).ShouldBe([6f, 7f, 7f, 8f, 8f, 9f]);
        w.TargetShape.ShouldBe([6L, 3L, 2L]);
    }

    [Fact]
    public void MultivariateWindowsPredictOneFeatureWithStride()
    {
        // Two features per step: (t, 100 + t).
        float[] series = Enumerable.Range(0, 8).SelectMany(t => new[] { t, 100f + t }).ToArray();
        WindowedSeries w = SeriesWindowing.Create(series, features: 2, window: 2, horizon: 3, targetFeature: 1, WindowLayout.SequenceToVector, stride: 2);

        w.Count.ShouldBe(2); // starts 0 and 2; start 4 would need index 8
        w.Inputs.ShouldBe([0f, 100f, 1f, 101f, 2f, 102f, 3f, 103f]);
        w.Targets.ShouldBe([102f, 103f, 104f, 104f, 105f, 106f]);
        SeriesWindowing.Create(series, 2, 6, 3, 0, WindowLayout.SequenceToVector).Count.ShouldBe(0);
    }

    [Fact]
    public void WindowsBecomeTensorsOfTheDocumentedShapes()
    {
        WindowedSeries vec = SeriesWindowing.Create(ZeroToNine, 1, 3, 2, 0, WindowLayout.SequenceToVector);
        WindowedSeries seq = SeriesWindowing.Create(ZeroToNine, 1, 3, 2, 0, WindowLayout.SequenceToSequence);
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();

        Tensor x = vec.InputsTensor();
        x.shape.ShouldBe([6L, 3L, 1L]);
        x[5, 2, 0].item<float>().ShouldBe(7f);
        Tensor y = vec.TargetsTensor();
        y.shape.ShouldBe([6L, 2L]);
        y[5, 1].item<float>().ShouldBe(9f);
        Tensor ys = seq.TargetsTensor();
        ys.shape.ShouldBe([6L, 3L, 2L]);
        ys[0, 2, 1].item<float>().ShouldBe(4f);
    }

    [Fact]
    public void TableSlicingAndMatrixUseTheDatesInclusively()
    {
        var dates = Enumerable.Range(0, 5).Select(i => new DateOnly(2020, 1, 1).AddDays(i)).ToArray();
        var table = new TimeSeriesTable(dates, [new("a", [1, 2, 3, 4, 5]), new("b", [10, 20, 30, 40, 50])]);

        TimeSeriesTable mid = table.Slice(new DateRange(new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 4)));
        mid.RowCount.ShouldBe(3);
        mid.Column("b").ShouldBe([20.0, 30.0, 40.0]);
        mid.ToMatrix(["b", "a"], divisor: 10).ShouldBe([2f, 0.2f, 3f, 0.3f, 4f, 0.4f]);
        table.IndexOf(new DateOnly(2020, 1, 5)).ShouldBe(4);
        table.IndexOf(new DateOnly(2021, 1, 5)).ShouldBe(-1);
        Should.Throw<ArgumentException>(() => new TimeSeriesTable([dates[1], dates[0]], [])).Message.ShouldContain("strictly increasing");
    }
}
