using System.Collections.Generic;
using QuickDrawDsl.Runtime.Export;
using TorchSharp;
using static QuickDrawDsl.Runtime.Tests.Export.OnnxParity;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Export;

public sealed class TensorOpExportTests
{
    private static Tensor[] Inputs() => [randn(2, 3, 4), randn(5, 3, 4)];

    [Fact]
    public void ShapeOperationsMatch()
    {
        Seed(60);
        using DisposeScope scope = NewDisposeScope();
        Tensor[] inputs = Inputs();
        Check(Graph((b, x) => b.Reshape(x, 0, -1), "batch", 3, 4), x => x.reshape(x.shape[0], -1), inputs);
        Check(Graph((b, x) => b.Transpose(x, 0, 2, 1), "batch", 3, 4), x => x.permute(0, 2, 1), inputs);
        Check(Graph((b, x) => b.Unsqueeze(x, 1, 3), "batch", 3, 4), x => x.unsqueeze(1).unsqueeze(3), inputs);
        Check(Graph((b, x) => b.Squeeze(b.Unsqueeze(x, 2), 2), "batch", 3, 4), x => x, inputs);
        Check(Graph((b, x) => b.Flatten(x), "batch", 3, 4), x => x.flatten(1), inputs);
        Check(Graph((b, x) => b.Concat(1, x, b.Mul(x, x)), "batch", 3, 4), x => cat([x, x * x], 1), inputs);
        Check(Graph((b, x) => b.Slice(x, [1, 0], [3, long.MaxValue], [1, 2], [1, 2]), "batch", 3, 4), x => x[.., 1..3, ..][.., .., TensorIndex.Slice(0, null, 2)], inputs);
        Check(Graph((b, x) => b.Select(x, -1, 2), "batch", 3, 4), x => x[.., .., -1], inputs);
    }

    [Fact]
    public void GatherExpandTileAndRepeatVectorMatch()
    {
        Seed(61);
        using DisposeScope scope = NewDisposeScope();
        Tensor[] inputs = Inputs();
        Check(Graph((b, x) => b.Gather(x, b.AddInitializer("idx", tensor(new long[] { 2, 0, 2 })), 2), "batch", 3, 4), x => x.index_select(2, tensor(new long[] { 2, 0, 2 })), inputs);
        Check(Graph((b, x) => b.Tile(x, 1, 2, 3), "batch", 3, 4), x => x.repeat(1, 2, 3), inputs);
        Check(Graph((b, x) => b.Expand(b.Unsqueeze(x, 1), 1, 5, 1, 1), "batch", 3, 4), x => x.unsqueeze(1).expand(x.shape[0], 5, 3, 4), inputs);
        Tensor[] vectors = [randn(2, 6), randn(3, 6)];
        Check(Graph((b, x) => b.RepeatVector(x, 4), "batch", 6), x => x.unsqueeze(1).repeat(1, 4, 1), vectors);

        // Expand to a shape computed at run time: [batch, 3, 4] -> [batch, 2, 3, 4] from Shape.
        Check(
            Graph((b, x) => b.Expand(b.Unsqueeze(x, 1), b.Concat(0, b.Shape(x, 0, 1), b.Int64Vector(2), b.Shape(x, 1)), 4), "batch", 3, 4),
            x => x.unsqueeze(1).expand(x.shape[0], 2, 3, 4),
            inputs);
    }

    [Fact]
    public void ArithmeticPadReduceAndCastMatch()
    {
        Seed(62);
        using DisposeScope scope = NewDisposeScope();
        Tensor[] inputs = Inputs();
        Check(Graph((b, x) => b.Div(b.Add(x, b.FloatScalar(3f)), b.Sub(b.Mul(x, x), b.FloatScalar(-1f))), "batch", 3, 4), x => (x + 3) / ((x * x) + 1), inputs);
        Check(Graph((b, x) => b.Pad(x, [0, 1, 2, 0, 0, 1], 0.5f), "batch", 3, 4), x => nn.functional.pad(x, [2, 1, 1, 0], value: 0.5), inputs);
        Check(Graph((b, x) => b.ReduceSum(x, [1]), "batch", 3, 4), x => x.sum(1), inputs);
        Check(Graph((b, x) => b.ReduceSum(x, [1, 2], keepDims: true), "batch", 3, 4), x => x.sum([1L, 2L], keepdim: true), inputs);
        Check(Graph((b, x) => b.Cast(b.Cast(b.Mul(x, b.FloatScalar(10f)), OnnxElementType.Int64), OnnxElementType.Float), "batch", 3, 4), x => (x * 10).to_type(ScalarType.Int64).to_type(ScalarType.Float32), inputs);
        Tensor w = randn(4, 2);
        Check(Graph((b, x) => b.MatMul(x, b.AddInitializer("w", w)), "batch", 3, 4), x => x.matmul(w), inputs);
    }

    [Fact]
    public void ShapeOutputsInt64Dimensions()
    {
        Seed(63);
        using DisposeScope scope = NewDisposeScope();
        var builder = new OnnxGraphBuilder("shape");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", "time", 3);
        builder.AddOutput(builder.Shape(x), "s", OnnxElementType.Int64, [3]);
        IReadOnlyDictionary<string, Tensor> result = Run(builder.ToBytes(), ("x", randn(4, 7, 3)));
        result["s"].data<long>().ToArray().ShouldBe([4L, 7L, 3L]);
    }
}
