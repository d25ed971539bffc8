using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using TorchSharp;
using TorchSharp.Modules;
using static QuickDrawDsl.Runtime.Tests.Export.OnnxParity;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Export;

public sealed class RecurrentExportTests
{
    private static readonly (long Batch, long Time)[] Sizes = [(2, 5), (3, 11)];

    [Theory]
    [InlineData(2, false, true)]
    [InlineData(1, true, true)]
    [InlineData(2, true, false)]
    public void LstmMatchesOutputHiddenAndCell(int layers, bool bidirectional, bool batchFirst)
    {
        Seed(20 + layers);
        using DisposeScope scope = NewDisposeScope();
        LSTM lstm = nn.LSTM(4, 6, numLayers: layers, batchFirst: batchFirst, bidirectional: bidirectional, dropout: layers > 1 ? 0.3 : 0);
        lstm.eval();
        var builder = new OnnxGraphBuilder("lstm");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, batchFirst ? ["batch", "time", 4] : ["time", "batch", 4]);
        OnnxRecurrentResult r = builder.Lstm(lstm, x, batchFirst);
        builder.AddOutput(r.Output, "y");
        builder.AddOutput(r.Hidden, "h");
        builder.AddOutput(r.Cell!, "c");
        builder.OperatorTypes.Count(t => t == "LSTM").ShouldBe(layers);

        using var predictor = new OnnxPredictor(builder.ToBytes());
        foreach ((long batch, long time) in Sizes)
        {
            using DisposeScope inner = NewDisposeScope();
            Tensor input = batchFirst ? randn(batch, time, 4) : randn(time, batch, 4);
            (Tensor y, Tensor h, Tensor c) = lstm.call(input);
            IReadOnlyDictionary<string, Tensor> onnx = predictor.Run(new Dictionary<string, Tensor> { ["x"] = input });
            ShouldMatch(onnx["y"], y);
            ShouldMatch(onnx["h"], h);
            ShouldMatch(onnx["c"], c);
        }
    }

    [Fact]
    public void LstmWithInitialStatesMatches()
    {
        Seed(25);
        using DisposeScope scope = NewDisposeScope();
        LSTM lstm = nn.LSTM(3, 5, numLayers: 2, batchFirst: true, bidirectional: true);
        var builder = new OnnxGraphBuilder("lstm_h0");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", "time", 3);
        OnnxValue h0 = builder.AddInput("h0", OnnxElementType.Float, 4, "batch", 5);
        OnnxValue c0 = builder.AddInput("c0", OnnxElementType.Float, 4, "batch", 5);
        OnnxRecurrentResult r = builder.Lstm(lstm, x, batchFirst: true, h0: h0, c0: c0);
        builder.AddOutput(r.Output, "y");
        builder.AddOutput(r.Hidden, "h");
        foreach ((long batch, long time) in Sizes)
        {
            using DisposeScope inner = NewDisposeScope();
            Tensor input = randn(batch, time, 3);
            Tensor hInit = randn(4, batch, 5);
            Tensor cInit = randn(4, batch, 5);
            (Tensor y, Tensor h, _) = lstm.call(input, (hInit, cInit));
            IReadOnlyDictionary<string, Tensor> onnx = Run(builder.ToBytes(), ("x", input), ("h0", hInit), ("c0", cInit));
            ShouldMatch(onnx["y"], y);
            ShouldMatch(onnx["h"], h);
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void GruMatches(int layers, bool bidirectional)
    {
        Seed(30 + layers);
        using DisposeScope scope = NewDisposeScope();
        GRU gru = nn.GRU(4, 7, numLayers: layers, batchFirst: true, bidirectional: bidirectional);
        gru.eval();
        var builder = new OnnxGraphBuilder("gru");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", "time", 4);
        OnnxRecurrentResult r = builder.Gru(gru, x, batchFirst: true);
        r.Cell.ShouldBeNull();
        builder.AddOutput(r.Output, "y");
        builder.AddOutput(r.Hidden, "h");
        foreach ((long batch, long time) in Sizes)
        {
            using DisposeScope inner = NewDisposeScope();
            Tensor input = randn(batch, time, 4);
            (Tensor y, Tensor h) = gru.call(input);
            IReadOnlyDictionary<string, Tensor> onnx = Run(builder.ToBytes(), ("x", input));
            ShouldMatch(onnx["y"], y);
            ShouldMatch(onnx["h"], h);
        }
    }

    [Theory]
    [InlineData(nn.NonLinearities.Tanh, false)]
    [InlineData(nn.NonLinearities.ReLU, true)]
    public void RnnMatches(nn.NonLinearities nonLinearity, bool bidirectional)
    {
        Seed(35);
        using DisposeScope scope = NewDisposeScope();
        RNN rnn = nn.RNN(4, 6, numLayers: 2, nonLinearity: nonLinearity, batchFirst: false, bidirectional: bidirectional);
        var builder = new OnnxGraphBuilder("rnn");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "time", "batch", 4);
        OnnxRecurrentResult r = builder.Rnn(rnn, x, batchFirst: false, nonLinearity);
        builder.AddOutput(r.Output, "y");
        builder.AddOutput(r.Hidden, "h");
        foreach ((long batch, long time) in Sizes)
        {
            using DisposeScope inner = NewDisposeScope();
            Tensor input = randn(time, batch, 4);
            (Tensor y, Tensor h) = rnn.call(input);
            IReadOnlyDictionary<string, Tensor> onnx = Run(builder.ToBytes(), ("x", input));
            ShouldMatch(onnx["y"], y);
            ShouldMatch(onnx["h"], h);
        }
    }

    [Fact]
    public void ContradictingBatchFirstIsRefused()
    {
        Seed(45);
        using DisposeScope scope = NewDisposeScope();
        var builder = new OnnxGraphBuilder("layout");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", "time", 3);
        Should.Throw<System.ArgumentException>(() => builder.Lstm(nn.LSTM(3, 4, batchFirst: true), x, batchFirst: false)).Message.ShouldContain("batchFirst: True");
        Should.Throw<System.ArgumentException>(() => builder.Gru(nn.GRU(3, 4), x, batchFirst: true)).Message.ShouldContain("batchFirst: False");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void VariableLengthLstmMatchesPackedSequence(bool bidirectional)
    {
        Seed(40);
        using DisposeScope scope = NewDisposeScope();
        LSTM lstm = nn.LSTM(3, 5, numLayers: 2, batchFirst: true, bidirectional: bidirectional);
        var builder = new OnnxGraphBuilder("packed");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", "time", 3);
        OnnxValue lengths = builder.AddInput("lengths", OnnxElementType.Int64, "batch");
        OnnxRecurrentResult r = builder.Lstm(lstm, x, batchFirst: true, lengths: lengths);
        builder.AddOutput(r.Output, "y");
        builder.AddOutput(r.Hidden, "h");
        builder.AddOutput(r.Cell!, "c");
        builder.AddOutput(builder.LastValidStep(r.Output, lengths), "last");
        using var predictor = new OnnxPredictor(builder.ToBytes());

        foreach (long[] lens in new[] { new long[] { 6, 2, 4 }, new long[] { 3, 9, 1, 9 } })
        {
            using DisposeScope inner = NewDisposeScope();
            long time = lens.Max();
            Tensor input = randn(lens.Length, time, 3);
            Tensor lengthTensor = tensor(lens);
            for (int b = 0; b < lens.Length; b++)
            {
                // Garbage in the padding must not leak into the result.
                input[b, TensorIndex.Slice(lens[b])] = full(new long[] { time - lens[b], 3 }, 100f);
            }

            var packed = nn.utils.rnn.pack_padded_sequence(input, lengthTensor, batch_first: true, enforce_sorted: false);
            (var packedOut, Tensor h, Tensor c) = lstm.call(packed);
            (Tensor y, _) = nn.utils.rnn.pad_packed_sequence(packedOut, batch_first: true, total_length: time);
            Tensor last = stack(Enumerable.Range(0, lens.Length).Select(b => y[b, lens[b] - 1]).ToArray());

            IReadOnlyDictionary<string, Tensor> onnx = predictor.Run(new Dictionary<string, Tensor> { ["x"] = input, ["lengths"] = lengthTensor });
            ShouldMatch(onnx["y"], y);
            ShouldMatch(onnx["h"], h);
            ShouldMatch(onnx["c"], c);
            ShouldMatch(onnx["last"], last);
        }
    }

    [Fact]
    public void VariableLengthBidirectionalGruMatchesPackedSequence()
    {
        Seed(42);
        using DisposeScope scope = NewDisposeScope();
        GRU gru = nn.GRU(3, 4, numLayers: 2, batchFirst: false, bidirectional: true);
        var builder = new OnnxGraphBuilder("packed_gru");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "time", "batch", 3);
        OnnxValue lengths = builder.AddInput("lengths", OnnxElementType.Int64, "batch");
        OnnxRecurrentResult r = builder.Gru(gru, x, batchFirst: false, lengths: lengths);
        builder.AddOutput(r.Output, "y");
        builder.AddOutput(r.Hidden, "h");
        builder.AddOutput(builder.LastValidStep(r.Output, lengths, batchFirst: false), "last");
        using var predictor = new OnnxPredictor(builder.ToBytes());

        foreach (long[] lens in new[] { new long[] { 2, 5 }, new long[] { 8, 1, 4 } })
        {
            using DisposeScope inner = NewDisposeScope();
            long time = lens.Max();
            Tensor input = randn(time, lens.Length, 3);
            Tensor lengthTensor = tensor(lens);
            var packed = nn.utils.rnn.pack_padded_sequence(input, lengthTensor, batch_first: false, enforce_sorted: false);
            (var packedOut, Tensor h) = gru.call(packed);
            (Tensor y, _) = nn.utils.rnn.pad_packed_sequence(packedOut, batch_first: false, total_length: time);
            Tensor last = stack(Enumerable.Range(0, lens.Length).Select(b => y[lens[b] - 1, b]).ToArray());

            IReadOnlyDictionary<string, Tensor> onnx = predictor.Run(new Dictionary<string, Tensor> { ["x"] = input, ["lengths"] = lengthTensor });
            ShouldMatch(onnx["y"], y);
            ShouldMatch(onnx["h"], h);
            ShouldMatch(onnx["last"], last);
        }
    }

    [Fact]
    public void Conv1dBatchNormReluLstmLinearStackMatchesEndToEnd()
    {
        Seed(50);
        using DisposeScope scope = NewDisposeScope();
        Conv1d conv = nn.Conv1d(3, 8, 5, Padding.Same);
        BatchNorm1d bn = nn.BatchNorm1d(8);
        LSTM lstm = nn.LSTM(8, 16, numLayers: 2, batchFirst: true, dropout: 0.2);
        Linear head = nn.Linear(16, 4);
        using (no_grad())
        {
            bn.running_mean!.copy_(randn(8) * 0.5);
            bn.running_var!.copy_(rand(8) + 0.5);
            bn.weight!.copy_(rand(8) + 0.5);
            bn.bias!.copy_(randn(8) * 0.1);
        }

        foreach (nn.Module m in new nn.Module[] { conv, bn, lstm, head })
        {
            m.eval();
        }

        var builder = new OnnxGraphBuilder("StrokeClassifier");
        OnnxValue strokes = builder.AddInput("strokes", OnnxElementType.Float, "batch", "time", 3);
        OnnxValue lengths = builder.AddInput("lengths", OnnxElementType.Int64, "batch");
        OnnxValue h = builder.Transpose(strokes, 0, 2, 1);
        h = builder.Relu(builder.BatchNorm(bn, builder.Conv(conv, h)));
        h = builder.Transpose(h, 0, 2, 1);
        OnnxRecurrentResult r = builder.Lstm(lstm, h, batchFirst: true, lengths: lengths);
        OnnxValue logits = builder.Linear(head, builder.LastValidStep(r.Output, lengths));
        builder.AddOutput(logits, "logits", OnnxElementType.Float, ["batch", 4]);
        builder.SetLabels(["cat", "dog", "fish", "bird"]);

        using var predictor = new OnnxPredictor(builder.ToBytes());
        foreach (long[] lens in new[] { new long[] { 7, 3 }, new long[] { 12, 5, 12 } })
        {
            using DisposeScope inner = NewDisposeScope();
            long time = lens.Max();
            Tensor input = randn(lens.Length, time, 3);
            Tensor lengthTensor = tensor(lens);
            Tensor expected;
            using (no_grad())
            {
                Tensor features = nn.functional.relu(bn.call(conv.call(input.permute(0, 2, 1)))).permute(0, 2, 1);
                var packed = nn.utils.rnn.pack_padded_sequence(features, lengthTensor, batch_first: true, enforce_sorted: false);
                (_, Tensor hn, _) = lstm.call(packed);
                expected = head.call(hn[-1]);
            }

            ShouldMatch(predictor.Predict(input, lengthTensor), expected);
            IReadOnlyList<IReadOnlyList<OnnxPrediction>> top = predictor.TopK(input, 2, lengthTensor);
            top.Count.ShouldBe(lens.Length);
            for (int b = 0; b < lens.Length; b++)
            {
                top[b][0].Index.ShouldBe((int)expected[b].argmax().item<long>());
                top[b][0].Label.ShouldBe(predictor.Labels[top[b][0].Index]);
            }
        }
    }
}
