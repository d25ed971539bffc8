using System;
using QuickDrawDsl.Runtime.Export;
using TorchSharp;
using TorchSharp.Modules;
using static QuickDrawDsl.Runtime.Tests.Export.OnnxParity;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Export;

public sealed class LayerExportTests
{
    [Fact]
    public void Linear2dUsesGemmAndMatches()
    {
        Seed(1);
        using DisposeScope scope = NewDisposeScope();
        Linear linear = nn.Linear(6, 4);
        linear.eval();
        OnnxGraphBuilder builder = Graph((b, x) => b.Linear(linear, x), "batch", 6);
        builder.OperatorTypes.ShouldContain("Gemm");
        Check(builder, x => linear.call(x), randn(3, 6), randn(7, 6));
    }

    [Fact]
    public void Linear3dUsesMatMulAndMatchesWithoutBias()
    {
        Seed(2);
        using DisposeScope scope = NewDisposeScope();
        Linear linear = nn.Linear(5, 3, hasBias: false);
        OnnxGraphBuilder builder = Graph((b, x) => b.Linear(linear, x), "batch", "time", 5);
        builder.OperatorTypes.ShouldContain("MatMul");
        builder.OperatorTypes.ShouldNotContain("Gemm");
        Check(builder, x => linear.call(x), randn(2, 9, 5), randn(4, 3, 5));
    }

    [Fact]
    public void Conv1dStride2WithSymmetricPaddingMatches()
    {
        Seed(3);
        using DisposeScope scope = NewDisposeScope();
        Conv1d conv = nn.Conv1d(3, 8, 5, stride: 2, padding: 2, dilation: 1);
        Check(Graph((b, x) => b.Conv(conv, x), "batch", 3, "time"), x => conv.call(x), randn(2, 3, 17), randn(5, 3, 30));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public void Conv1dPaddingSameMatchesPyTorchPads(int kernel)
    {
        Seed(4);
        using DisposeScope scope = NewDisposeScope();
        Conv1d conv = nn.Conv1d(3, 6, kernel, Padding.Same, dilation: 2);
        OnnxGraphBuilder builder = Graph((b, x) => b.Conv(conv, x), "batch", 3, "time");
        Check(builder, x => conv.call(x), randn(2, 3, 11), randn(3, 3, 20));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Conv1dStride2SameUpperMatchesExplicitTensorFlowStylePads(int kernel)
    {
        Seed(5);
        using DisposeScope scope = NewDisposeScope();
        Conv1d conv = nn.Conv1d(3, 6, kernel, stride: 2);
        OnnxGraphBuilder builder = Graph((b, x) => b.ConvSameUpper(conv, x), "batch", 3, "time");
        Func<Tensor, Tensor> reference = x =>
        {
            long length = x.shape[2];
            long outLength = (length + 1) / 2;
            long total = Math.Max(((outLength - 1) * 2) + kernel - length, 0);
            long begin = total / 2;
            Tensor padded = nn.functional.pad(x, [begin, total - begin]);
            Tensor y = conv.call(padded);
            y.shape[2].ShouldBe(outLength);
            return y;
        };

        // Odd and even lengths: the pads differ per length and ONNX Runtime computes them at run time.
        Check(builder, reference, randn(2, 3, 11), randn(4, 3, 20));
    }

    [Fact]
    public void Conv1dExplicitAsymmetricPadsMatchFunctionalPad()
    {
        Seed(6);
        using DisposeScope scope = NewDisposeScope();
        Conv1d conv = nn.Conv1d(2, 4, 4);
        OnnxGraphBuilder builder = Graph((b, x) => b.Conv(conv, x, [1, 2]), "batch", 2, "time");
        Check(builder, x => conv.call(nn.functional.pad(x, [1, 2])), randn(2, 2, 8), randn(3, 2, 13));
    }

    [Fact]
    public void Conv2dWithGroupsDilationAndPaddingMatches()
    {
        Seed(7);
        using DisposeScope scope = NewDisposeScope();
        Conv2d conv = nn.Conv2d(4, 6, 3, stride: 2, padding: 1, dilation: 2, groups: 2);
        Check(Graph((b, x) => b.Conv(conv, x), "batch", 4, 12, 12), x => conv.call(x), randn(new long[] { 1, 4, 12, 12 }), randn(new long[] { 3, 4, 12, 12 }));
    }

    [Fact]
    public void Conv3dThenMaxPool3dMatches()
    {
        Seed(8);
        using DisposeScope scope = NewDisposeScope();
        Conv3d conv = nn.Conv3d(2, 4, 3, padding: 1);
        MaxPool3d pool = nn.MaxPool3d([2L, 2L, 2L], [2L, 2L, 2L]);
        OnnxGraphBuilder builder = Graph((b, x) => b.MaxPool(pool, b.Relu(b.Conv(conv, x))), "batch", 2, "frames", 8, 8);
        Check(builder, x => pool.call(nn.functional.relu(conv.call(x))), randn(new long[] { 2, 2, 4, 8, 8 }), randn(new long[] { 3, 2, 6, 8, 8 }));
    }

    [Fact]
    public void BatchNormInEvalModeUsesRunningStatistics()
    {
        Seed(9);
        using DisposeScope scope = NewDisposeScope();
        BatchNorm1d bn1 = nn.BatchNorm1d(5);
        BatchNorm2d bn2 = nn.BatchNorm2d(3);
        BatchNorm3d bn3 = nn.BatchNorm3d(2, eps: 1e-3);
        using (no_grad())
        {
            foreach (BatchNorm bn in new BatchNorm[] { bn1, bn2, bn3 })
            {
                long c = bn.num_features;
                bn.running_mean!.copy_(randn(c) * 2);
                bn.running_var!.copy_(rand(c) + 0.5);
                bn.weight!.copy_(randn(c));
                bn.bias!.copy_(randn(c));
            }
        }

        bn1.eval();
        bn2.eval();
        bn3.eval();
        Check(Graph((b, x) => b.BatchNorm(bn1, x), "batch", 5, "time"), x => bn1.call(x), randn(2, 5, 7), randn(4, 5, 3));
        Check(Graph((b, x) => b.BatchNorm(bn2, x), "batch", 3, 4, 4), x => bn2.call(x), randn(new long[] { 1, 3, 4, 4 }), randn(new long[] { 6, 3, 4, 4 }));
        Check(Graph((b, x) => b.BatchNorm(bn3, x), "batch", 2, "frames", 3, 3), x => bn3.call(x), randn(new long[] { 2, 2, 4, 3, 3 }), randn(new long[] { 3, 2, 2, 3, 3 }));
    }

    [Fact]
    public void LayerNormMatches()
    {
        Seed(10);
        using DisposeScope scope = NewDisposeScope();
        LayerNorm ln = nn.LayerNorm([6L]);
        using (no_grad())
        {
            ln.weight!.copy_(randn(6));
            ln.bias!.copy_(randn(6));
        }

        Check(Graph((b, x) => b.LayerNorm(ln, x), "batch", "time", 6), x => ln.call(x), randn(2, 5, 6), randn(3, 8, 6));
    }

    [Fact]
    public void ActivationsMatch()
    {
        Seed(11);
        using DisposeScope scope = NewDisposeScope();
        Tensor[] inputs = [randn(2, 7) * 3, randn(5, 7) * 3];
        OnnxDim[] dims = ["batch", 7];
        Check(Graph((b, x) => b.Relu(x), dims), x => nn.functional.relu(x), inputs);
        Check(Graph((b, x) => b.Tanh(x), dims), x => x.tanh(), inputs);
        Check(Graph((b, x) => b.Sigmoid(x), dims), x => x.sigmoid(), inputs);
        Check(Graph((b, x) => b.Gelu(x), dims), x => nn.functional.gelu(x), inputs);
        Check(Graph((b, x) => b.Softmax(x, 1), dims), x => nn.functional.softmax(x, 1), inputs);
        Check(Graph((b, x) => b.LogSoftmax(x, -1), dims), x => nn.functional.log_softmax(x, -1), inputs);
        Check(Graph((b, x) => b.LeakyRelu(x, 0.2), dims), x => nn.functional.leaky_relu(x, 0.2), inputs);
        Check(Graph((b, x) => b.Elu(x, 0.7), dims), x => nn.functional.elu(x, 0.7), inputs);
        Check(Graph((b, x) => b.Dropout(b.Relu(x)), dims), x => nn.functional.relu(x), inputs);
    }

    [Fact]
    public void ActivationModulesMatch()
    {
        Seed(17);
        using DisposeScope scope = NewDisposeScope();
        Tensor[] inputs = [randn(2, 3, 5) * 3, randn(4, 3, 5) * 3];
        OnnxDim[] dims = ["batch", 3, 5];
        GELU geluTanh = nn.GELU(GELU.Approximate.tanh, false);
        GELU geluExact = nn.GELU();
        TorchSharp.Modules.Softmax softmax = nn.Softmax(1);
        TorchSharp.Modules.LogSoftmax logSoftmax = nn.LogSoftmax(2);
        LeakyReLU leaky = nn.LeakyReLU(0.05);
        ELU elu = nn.ELU(1.3);
        TorchSharp.Modules.Dropout dropout = nn.Dropout(0.5);
        dropout.eval();
        Check(Graph((b, x) => b.Gelu(geluTanh, x), dims), x => geluTanh.call(x), inputs);
        Check(Graph((b, x) => b.Gelu(geluExact, x), dims), x => geluExact.call(x), inputs);
        Check(Graph((b, x) => b.Softmax(softmax, x), dims), x => softmax.call(x), inputs);
        Check(Graph((b, x) => b.LogSoftmax(logSoftmax, x), dims), x => logSoftmax.call(x), inputs);
        Check(Graph((b, x) => b.LeakyRelu(leaky, x), dims), x => leaky.call(x), inputs);
        Check(Graph((b, x) => b.Elu(elu, x), dims), x => elu.call(x), inputs);
        Check(Graph((b, x) => b.Dropout(dropout, x), dims), x => dropout.call(x), inputs);
    }

    [Fact]
    public void PoolingModulesMatch()
    {
        Seed(12);
        using DisposeScope scope = NewDisposeScope();
        MaxPool1d max1 = nn.MaxPool1d(3, stride: 2, padding: 1);
        AvgPool1d avg1 = nn.AvgPool1d(3, stride: 2, padding: 1, count_include_pad: false);
        AvgPool1d avg1Incl = nn.AvgPool1d(3, stride: 2, padding: 1, count_include_pad: true);
        MaxPool2d max2 = nn.MaxPool2d([2L, 2L]);
        AvgPool2d avg2 = nn.AvgPool2d([3L, 3L], [2L, 2L], [1L, 1L]);
        AvgPool3d avg3 = nn.AvgPool3d([2L, 2L, 2L]);
        Tensor[] seq = [randn(2, 4, 9), randn(3, 4, 16)];
        Check(Graph((b, x) => b.MaxPool(max1, x), "batch", 4, "time"), x => max1.call(x), seq);
        Check(Graph((b, x) => b.AveragePool(avg1, x), "batch", 4, "time"), x => avg1.call(x), seq);
        Check(Graph((b, x) => b.AveragePool(avg1Incl, x), "batch", 4, "time"), x => avg1Incl.call(x), seq);
        Tensor[] images = [randn(new long[] { 2, 3, 8, 8 }), randn(new long[] { 4, 3, 8, 8 })];
        Check(Graph((b, x) => b.MaxPool(max2, x), "batch", 3, 8, 8), x => max2.call(x), images);
        Check(Graph((b, x) => b.AveragePool(avg2, x), "batch", 3, 8, 8), x => avg2.call(x), images);
        Tensor[] clips = [randn(new long[] { 1, 2, 4, 6, 6 }), randn(new long[] { 2, 2, 4, 6, 6 })];
        Check(Graph((b, x) => b.AveragePool(avg3, x), "batch", 2, 4, 6, 6), x => avg3.call(x), clips);
    }

    [Fact]
    public void GlobalPoolingMatches()
    {
        Seed(13);
        using DisposeScope scope = NewDisposeScope();
        Tensor[] images = [randn(new long[] { 2, 3, 5, 7 }), randn(new long[] { 4, 3, 5, 7 })];
        Check(Graph((b, x) => b.Flatten(b.GlobalAveragePool(x)), "batch", 3, 5, 7), x => x.mean([2L, 3L]), images);
        Check(Graph((b, x) => b.Flatten(b.GlobalMaxPool(x)), "batch", 3, 5, 7), x => x.amax([2L, 3L]), images);
        Check(Graph((b, x) => b.ReduceMean(x, [2, 3]), "batch", 3, 5, 7), x => x.mean([2L, 3L]), images);
        Check(Graph((b, x) => b.ReduceMax(x, [2], keepDims: true), "batch", 3, 5, 7), x => x.amax([2L], keepdim: true), images);
    }

    [Fact]
    public void EmbeddingGathersRows()
    {
        Seed(14);
        using DisposeScope scope = NewDisposeScope();
        Embedding embedding = nn.Embedding(10, 4);
        var builder = new OnnxGraphBuilder("embedding");
        OnnxValue tokens = builder.AddInput("x", OnnxElementType.Int64, "batch", "time");
        builder.AddOutput(builder.Embedding(embedding, tokens), "y");
        Check(builder, t => embedding.call(t), randint(0, 10, [2, 5], dtype: ScalarType.Int64), randint(0, 10, [3, 7], dtype: ScalarType.Int64));
    }

    [Fact]
    public void FlattenModuleMatches()
    {
        Seed(15);
        using DisposeScope scope = NewDisposeScope();
        Flatten all = nn.Flatten();
        Flatten middle = nn.Flatten(1, 2);
        Tensor[] inputs = [randn(new long[] { 2, 3, 4, 5 }), randn(new long[] { 3, 3, 4, 5 })];
        Check(Graph((b, x) => b.Flatten(all, x), "batch", 3, 4, 5), x => all.call(x), inputs);
        Check(Graph((b, x) => b.Flatten(middle, x), "batch", 3, 4, 5), x => middle.call(x), inputs);
    }

    [Fact]
    public void UnsupportedConfigurationsAreRefused()
    {
        Seed(16);
        using DisposeScope scope = NewDisposeScope();
        var builder = new OnnxGraphBuilder("refused");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", 3, "time");
        Should.Throw<NotSupportedException>(() => builder.Conv(nn.Conv1d(3, 4, 3, padding: 1, padding_mode: PaddingModes.Reflect), x));
        Should.Throw<NotSupportedException>(() => builder.BatchNorm(nn.BatchNorm1d(3, track_running_stats: false), x));
        Should.Throw<ArgumentException>(() => builder.Conv(nn.Conv2d(3, 4, 3), x)).Message.ShouldContain("rank-4");
    }
}
