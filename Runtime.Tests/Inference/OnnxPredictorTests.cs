using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Inference;

public sealed class OnnxPredictorTests
{
    private static byte[] SequenceModel(Linear head, string? outputKind = null)
    {
        var builder = new OnnxGraphBuilder("seq");
        OnnxValue strokes = builder.AddInput("strokes", OnnxElementType.Float, "batch", "time", 3);
        OnnxValue lengths = builder.AddInput("lengths", OnnxElementType.Int64, "batch");
        OnnxValue last = builder.LastValidStep(strokes, lengths);
        builder.AddOutput(builder.Linear(head, last), "logits", OnnxElementType.Float, ["batch", 4]);
        builder.SetLabels(["a", "b", "c", "d"]);
        if (outputKind is not null)
        {
            builder.SetMetadata(OnnxMetadataKeys.OutputKind, outputKind);
        }

        return builder.ToBytes();
    }

    private static Linear Head()
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(80);
        return nn.Linear(3, 4);
    }

    [Fact]
    public void TopKReturnsLabelsWithSoftmaxProbabilities()
    {
        using DisposeScope scope = NewDisposeScope();
        Linear head = Head();
        using var predictor = new OnnxPredictor(SequenceModel(head));
        Tensor x = randn(3, 6, 3);
        Tensor lengths = tensor(new long[] { 6, 2, 4 });
        Tensor probabilities = nn.functional.softmax(head.call(stack([x[0, 5], x[1, 1], x[2, 3]])), 1);

        IReadOnlyList<IReadOnlyList<OnnxPrediction>> top = predictor.TopK(x, 3, lengths);
        top.Count.ShouldBe(3);
        for (int b = 0; b < 3; b++)
        {
            top[b].Count.ShouldBe(3);
            (Tensor values, Tensor indices) = probabilities[b].topk(3);
            for (int k = 0; k < 3; k++)
            {
                top[b][k].Index.ShouldBe((int)indices[k].item<long>());
                top[b][k].Label.ShouldBe(new[] { "a", "b", "c", "d" }[top[b][k].Index]);
                top[b][k].Probability.ShouldBe(values[k].item<float>(), 1e-5f);
            }

            top[b].Select(p => p.Probability).ShouldBeInOrder(SortDirection.Descending);
        }

        // The raw-array overload gives the same answer.
        IReadOnlyList<IReadOnlyList<OnnxPrediction>> raw = predictor.TopK(x.data<float>().ToArray(), x.shape, 1, [6, 2, 4]);
        raw.Select(r => r[0].Index).ShouldBe(top.Select(r => r[0].Index));
    }

    [Fact]
    public void ProbabilityOutputsAreNotSoftmaxedTwice()
    {
        using DisposeScope scope = NewDisposeScope();
        Linear head = Head();
        using var predictor = new OnnxPredictor(SequenceModel(head, "probabilities"));
        Tensor x = randn(1, 2, 3);
        Tensor logits = head.call(x[0, 1].unsqueeze(0));
        OnnxPrediction best = predictor.TopK(x, 1, tensor(new long[] { 2 }))[0][0];
        best.Probability.ShouldBe(logits.max().item<float>(), 1e-5f);
    }

    [Fact]
    public void ShapeMismatchNamesExpectedAndActualShapes()
    {
        using DisposeScope scope = NewDisposeScope();
        using var predictor = new OnnxPredictor(SequenceModel(Head()));
        ArgumentException ex = Should.Throw<ArgumentException>(() => predictor.Predict(randn(2, 40, 5), tensor(new long[] { 40, 3 })));
        ex.Message.ShouldBe("input 'strokes' expects [batch, time, 3] but got [2, 40, 5]");

        Should.Throw<ArgumentException>(() => predictor.Predict(new float[80], [2, 40], [40, 3]))
            .Message.ShouldBe("input 'strokes' expects [batch, time, 3] but got [2, 40]");
        Should.Throw<ArgumentException>(() => predictor.Predict(randn(2, 4, 3)))
            .Message.ShouldContain("input 'lengths' [batch] (sequence lengths) is missing");
        Should.Throw<ArgumentException>(() => predictor.Predict(randn(2, 4, 3), tensor(new[] { 1f, 2f })))
            .Message.ShouldContain("expects Int64 elements");
    }

    [Fact]
    public void RawArraysRunAndComeBackWithTheirShape()
    {
        using DisposeScope scope = NewDisposeScope();
        Linear head = Head();
        using var predictor = new OnnxPredictor(SequenceModel(head));
        Tensor x = randn(2, 3, 3);
        OnnxTensorData output = predictor.Predict(x.data<float>().ToArray(), [2, 3, 3], [3, 1]);
        output.Name.ShouldBe("logits");
        output.Shape.ShouldBe([2L, 4L]);
        Tensor expected = head.call(stack([x[0, 2], x[1, 0]]));
        for (int b = 0; b < 2; b++)
        {
            for (int c = 0; c < 4; c++)
            {
                output[b, c].ShouldBe(expected[b, c].item<float>(), 1e-4f);
            }
        }
    }

    [Fact]
    public void LabelsThatContradictTheOutputAreRefusedOnLoad()
    {
        using DisposeScope scope = NewDisposeScope();
        var builder = new OnnxGraphBuilder("bad");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", 3);
        builder.AddOutput(builder.Linear(Head(), x), "logits", OnnxElementType.Float, ["batch", 4]);
        builder.SetLabels(["only", "two"]);
        Should.Throw<OnnxModelLoadException>(() => new OnnxPredictor(builder.ToBytes())).Message.ShouldContain("has 2 labels but its output 'logits' has 4 classes");
    }

#if !QD_ONNX_GPU
    [Fact]
    public void GpuWithoutTheGpuBuildFallsBackToTheCpuWithOneLine()
    {
        using DisposeScope scope = NewDisposeScope();
        byte[] model = SequenceModel(Head());
        var log = new System.IO.StringWriter();
        using var predictor = new OnnxPredictor(model, new OnnxPredictorOptions { UseGpu = true, Log = log });
        predictor.ExecutionProvider.ShouldBe("CPU");
        predictor.GpuFallbackReason.ShouldNotBeNull().ShouldContain("QdOnnxRuntimeBackend=gpu");
        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1);
        lines[0].ShouldStartWith("ONNX Runtime: CUDA is not available (");
        lines[0].ShouldEndWith("running on the CPU.");
    }
#endif

    [Fact]
    public void MissingFileIsReported()
    {
        Should.Throw<OnnxModelLoadException>(() => new OnnxPredictor("/nonexistent/model.onnx")).Message.ShouldBe("/nonexistent/model.onnx does not exist.");
    }
}
