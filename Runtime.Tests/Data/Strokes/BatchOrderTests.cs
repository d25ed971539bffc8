using System;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Tests.Data.Strokes;

public sealed class BatchOrderTests
{
    [Fact]
    public void InOrderBatchesCoverEveryIndexOnce()
    {
        var batches = BatchOrder.Batches(7, 3).ToList();
        batches.Count.ShouldBe(3);
        batches[0].ShouldBe([0, 1, 2]);
        batches[2].ShouldBe([6]);
        BatchOrder.Batches(7, 3, dropLast: true).Count().ShouldBe(2);
    }

    [Fact]
    public void ShuffledBatchesAreAReproduciblePermutation()
    {
        int[] first = BatchOrder.Batches(100, 32, new Random(5)).SelectMany(b => b).ToArray();
        int[] again = BatchOrder.Batches(100, 32, new Random(5)).SelectMany(b => b).ToArray();
        first.ShouldBe(again);
        first.Order().ShouldBe(Enumerable.Range(0, 100));
        first.ShouldNotBe(Enumerable.Range(0, 100).ToArray());
    }
}
