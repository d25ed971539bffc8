using System.Linq;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

public sealed class QuickDrawDatasetsTests
{
    [Fact]
    public void StrokeClassesSplitFirst80TrainLast20TestWithLabels()
    {
        string[] classes = ["apple", "banana", "coffee cup", "eye", "mouth", "nose"];
        SplitDataset<Drawing> data = QuickDrawDatasets.LoadDrawings(Fixtures.PathOf("quickdraw", "simplified_100"), classes, new PositionalSplitPolicy(80, 0, 20));

        data.Train.Count.ShouldBe(480);
        data.Validation.Count.ShouldBe(0);
        data.Test.Count.ShouldBe(120);
        data.Report.Accepted.ShouldBe(600);
        for (int c = 0; c < classes.Length; c++)
        {
            data.Train.Labels.Count(l => l == c).ShouldBe(80);
            data.Test.Labels.Count(l => l == c).ShouldBe(20);
        }

        data.Test.Items.Where((_, i) => data.Test.Labels[i] == 0).First().KeyId.ShouldBe(4519387648229376UL);
        data.Test.Items.Zip(data.Test.Labels).ShouldAllBe(p => p.First.Word == classes[p.Second]);
    }

    [RealDataFact]
    public void BitmapClassesSplit1200TrainAnd300TestAndBecomeTensors()
    {
        string[] classes = ["apple", "bicycle", "cat", "diamond", "eye", "fish"];
        SplitDataset<byte[]> data = QuickDrawDatasets.LoadBitmaps(SharedData.PathOf("quickdraw", "numpy_bitmap"), classes, new PositionalSplitPolicy(1200, 0, 300));

        data.Train.Count.ShouldBe(7200);
        data.Test.Count.ShouldBe(1800);
        data.Test.Items[^1].Sum(b => b).ShouldBe(27841); // last fish image

        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Tensor labels = data.Test.LabelsTensor();
        labels.dtype.ShouldBe(ScalarType.Int64);
        labels.shape.ShouldBe([1800L]);
        labels[^1].item<long>().ShouldBe(5L);
        BitmapTensors.ToTensor(data.Test.Items).shape.ShouldBe([1800L, 1L, 28L, 28L]);
    }
}
