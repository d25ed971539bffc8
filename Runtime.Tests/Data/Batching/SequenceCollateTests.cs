using System;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Native;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Data.Batching;

public sealed class SequenceCollateTests
{
    public SequenceCollateTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void PadsToTheLongestSequenceWithInt64Lengths()
    {
        using var scope = NewDisposeScope();
        SequenceSample[] samples =
        [
            new([1, 2, 3, 4], 2, 0),          // T = 2
            new([5, 6, 7, 8, 9, 10], 2, 1),   // T = 3
            new([11, 12], 2, 2),              // T = 1
        ];
        using Batch batch = SequenceCollate.Classification(samples);

        batch.Inputs.shape.ShouldBe([3L, 3L, 2L]);
        batch.Inputs.dtype.ShouldBe(ScalarType.Float32);
        batch.Lengths.ShouldNotBeNull();
        batch.Lengths.dtype.ShouldBe(ScalarType.Int64);
        batch.Lengths.data<long>().ToArray().ShouldBe([2L, 3L, 1L]);
        batch.Targets.data<long>().ToArray().ShouldBe([0L, 1L, 2L]);
        batch.Inputs.data<float>().ToArray().ShouldBe([1f, 2, 3, 4, 0, 0, 5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0]);
    }

    [Fact]
    public void RejectsPartialStepsAndMixedWidths()
    {
        Should.Throw<ArgumentException>(() => SequenceCollate.Pad([new float[] { 1, 2, 3 }], 2, out _)).Message.ShouldContain("not whole steps");
        Should.Throw<ArgumentException>(() => SequenceCollate.Classification([new([1, 2], 2, 0), new([1, 2, 3], 3, 0)])).Message.ShouldContain("features");
        Should.Throw<ArgumentException>(() => new Batch(zeros(3, 2), zeros(4))).Message.ShouldContain("batch dimension");
    }
}
