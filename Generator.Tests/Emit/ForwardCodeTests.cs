using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Emit;

/// <summary>
/// The generated <c>forward</c> and <c>ToOnnx</c> of layer combinations the archetypes do not have, line by line with
/// each line's shape comment: layout transposes (Conv1d is channels-first), masking of padded steps before every
/// step that mixes time, length updates after every window that changes the length, asymmetric padding, folding of
/// time into the batch, and the ONNX graph built in the same order. Namespaces are left out of the expected lines.
/// </summary>
public sealed class ForwardCodeTests
{
    public static TheoryData<string, string, string[], string[]> Cases => new()
    {
        // A padded sequence: every step that mixes time (conv, pools) first zeroes the padded steps (-inf before max pooling), and every window that changes the length updates 'lengths'; same with kernel 3 keeps it. The lengths reach the LSTM and the mean.
        {
            "SequenceWithPaddingMasksBeforeEachWindowAndUpdatesTheLengths",
            "kind: seq2vec\ninput: { shape: [time, 3] }\nlayers:\n  - conv1d: { filters: 4, kernel: 3, padding: same, activation: sigmoid }\n  - maxpool: { size: 2 }\n  - avgpool: { size: 2, padding: same }\n  - lstm: { units: 5, return_sequences: true }\n  - global_avgpool: {}",
            [
                "var x = input; // [B, time, 3]",
                "x = x.transpose(1, 2); // [B, 3, time]",
                "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);",
                "x = __conv1d_0.forward(x); // [B, 4, time]",
                "x = x.sigmoid(); // [B, 4, time]",
                "x = SequenceOps.MaskTime(x, lengths, timeDim: 2, value: double.NegativeInfinity);",
                "x = __maxpool_0.forward(x); // [B, 4, floor(time/2)]",
                "lengths = SequenceOps.WindowLengths(lengths, kernel: 2, stride: 2, padding: 0);",
                "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);",
                "x = __avgpool_0.forward(x); // [B, 4, floor((time+2)/4)]",
                "lengths = SequenceOps.WindowLengths(lengths, kernel: 2, stride: 2, padding: 0, ceilMode: true);",
                "x = x.transpose(1, 2); // [B, floor((time+2)/4), 4]",
                "x = RecurrentOps.Sequence(__lstm_0, x, lengths); // [B, floor((time+2)/4), 5]",
                "x = SequenceOps.MeanOverTime(x, lengths, timeDim: 1); // [B, 5]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a seq2vec model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"seq2vec\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, time, 3]\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Float, \"batch\", \"time\", 3); // [B, time, 3]",
                "OnnxValue? lengths = withLengths ? onnx.AddInput(\"lengths\", OnnxElementType.Int64, \"batch\") : null; // [B]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B, 3, time]",
                "x = onnx.MaskTime(x, lengths, timeDim: 2);",
                "x = onnx.Conv(this.__conv1d_0, x, new long[] { 1, 1 }); // [B, 4, time]",
                "x = onnx.Sigmoid(x); // [B, 4, time]",
                "x = onnx.MaskTime(x, lengths, timeDim: 2, value: float.NegativeInfinity);",
                "x = onnx.MaxPool(this.__maxpool_0, x); // [B, 4, floor(time/2)]",
                "lengths = onnx.WindowLengths(lengths, kernel: 2, stride: 2, padding: 0);",
                "x = onnx.MaskTime(x, lengths, timeDim: 2);",
                "x = onnx.AveragePool(this.__avgpool_0, x); // [B, 4, floor((time+2)/4)]",
                "lengths = onnx.WindowLengths(lengths, kernel: 2, stride: 2, padding: 0, ceilMode: true);",
                "x = onnx.Transpose(x, 0, 2, 1); // [B, floor((time+2)/4), 4]",
                "x = onnx.Lstm(this.__lstm_0, x, batchFirst: true, lengths: onnx.PackedLengths(x, lengths)).Output; // [B, floor((time+2)/4), 5]",
                "x = onnx.MeanOverTime(x, lengths, timeDim: 1); // [B, 5]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 5 }); // [B, 5]",
                "return onnx;",
            ]
        },
        // Self-attention masks padded keys inside its op (no MaskTime before it) and needs channels-last; causal attention says so in both backends.
        {
            "AttentionAfterAConvolutionTakesTheLengths",
            "kind: seq2vec\ninput: { shape: [time, 4] }\nlayers:\n  - conv1d: { filters: 6, kernel: 3, padding: same }\n  - attention: { heads: 2, causal: true }\n  - global_avgpool: {}",
            [
                "var x = input; // [B, time, 4]",
                "x = x.transpose(1, 2); // [B, 4, time]",
                "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);",
                "x = __conv1d_0.forward(x); // [B, 6, time]",
                "x = x.transpose(1, 2); // [B, time, 6]",
                "x = SequenceOps.SelfAttention(__attention_0, x, lengths, causal: true); // [B, time, 6]",
                "x = SequenceOps.MeanOverTime(x, lengths, timeDim: 1); // [B, 6]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a seq2vec model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"seq2vec\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, time, 4]\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Float, \"batch\", \"time\", 4); // [B, time, 4]",
                "OnnxValue? lengths = withLengths ? onnx.AddInput(\"lengths\", OnnxElementType.Int64, \"batch\") : null; // [B]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B, 4, time]",
                "x = onnx.MaskTime(x, lengths, timeDim: 2);",
                "x = onnx.Conv(this.__conv1d_0, x, new long[] { 1, 1 }); // [B, 6, time]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B, time, 6]",
                "x = onnx.SelfAttention(this.__attention_0, x, heads: 2, lengths, causal: true); // [B, time, 6]",
                "x = onnx.MeanOverTime(x, lengths, timeDim: 1); // [B, 6]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 6 }); // [B, 6]",
                "return onnx;",
            ]
        },
        // Causal padding pads the past only (F.pad 2, 0 for dilation 2 · (2 − 1)); a conv's bias makes padded steps non-zero, so the next conv masks again; the stride-2 conv updates the lengths, and global max over time ends them, so the GRU after repeat_vector gets none.
        {
            "CausalDilatedAndStridedConvolutionsThenARepeatedVector",
            "kind: seq2seq\ninput: { shape: [time, 2] }\nlayers:\n  - conv1d: { filters: 3, kernel: 2, dilation: 2, padding: causal, activation: relu }\n  - conv1d: { filters: 3, kernel: 3, stride: 2 }\n  - batchnorm: {}\n  - layernorm: {}\n  - global_maxpool: {}\n  - repeat_vector: { n: 4 }\n  - gru: { units: 2, bidirectional: true, return_sequences: true }",
            [
                "var x = input; // [B, time, 2]",
                "x = x.transpose(1, 2); // [B, 2, time]",
                "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);",
                "x = nn.functional.pad(x, new long[] { 2, 0 });",
                "x = __conv1d_0.forward(x); // [B, 3, time]",
                "x = x.relu(); // [B, 3, time]",
                "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);",
                "x = __conv1d_1.forward(x); // [B, 3, floor((time-1)/2)]",
                "lengths = SequenceOps.WindowLengths(lengths, kernel: 3, stride: 2, padding: 0);",
                "x = __batchnorm_0.forward(x); // [B, 3, floor((time-1)/2)]",
                "x = x.transpose(1, 2); // [B, floor((time-1)/2), 3]",
                "x = __layernorm_0.forward(x); // [B, floor((time-1)/2), 3]",
                "x = SequenceOps.MaxOverTime(x, lengths, timeDim: 1); // [B, 3]",
                "x = x.unsqueeze(1).repeat(1, 4, 1); // [B, 4, 3]",
                "x = RecurrentOps.Sequence(__gru_0, x, null); // [B, 4, 4]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a seq2seq model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"seq2seq\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, time, 2]\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Float, \"batch\", \"time\", 2); // [B, time, 2]",
                "OnnxValue? lengths = withLengths ? onnx.AddInput(\"lengths\", OnnxElementType.Int64, \"batch\") : null; // [B]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B, 2, time]",
                "x = onnx.MaskTime(x, lengths, timeDim: 2);",
                "x = onnx.Conv(this.__conv1d_0, x, new long[] { 2, 0 }); // [B, 3, time]",
                "x = onnx.Relu(x); // [B, 3, time]",
                "x = onnx.MaskTime(x, lengths, timeDim: 2);",
                "x = onnx.Conv(this.__conv1d_1, x, new long[] { 0, 0 }); // [B, 3, floor((time-1)/2)]",
                "lengths = onnx.WindowLengths(lengths, kernel: 3, stride: 2, padding: 0);",
                "x = onnx.BatchNorm(this.__batchnorm_0, x); // [B, 3, floor((time-1)/2)]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B, floor((time-1)/2), 3]",
                "x = onnx.LayerNorm(this.__layernorm_0, x); // [B, floor((time-1)/2), 3]",
                "x = onnx.MaxOverTime(x, lengths, timeDim: 1); // [B, 3]",
                "x = onnx.RepeatVector(x, 4); // [B, 4, 3]",
                "x = onnx.Gru(this.__gru_0, x, batchFirst: true).Output; // [B, 4, 4]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 4, 4 }); // [B, 4, 4]",
                "return onnx;",
            ]
        },
        // Same with an even kernel needs one more step on the right: F.pad (0, 1, 0, 1) last axis first; softmax over channels (axis 1); global max over both spatial axes.
        {
            "AnEvenKernelWithSamePaddingPadsTheRightEndOnly",
            "input: { shape: [1, 6, 6] }\nlayers:\n  - conv2d: { filters: 2, kernel: 2, padding: same, activation: softmax }\n  - global_maxpool: {}",
            [
                "var x = input; // [B, 1, 6, 6]",
                "x = nn.functional.pad(x, new long[] { 0, 1, 0, 1 });",
                "x = __conv2d_0.forward(x); // [B, 2, 6, 6]",
                "x = x.softmax(1); // [B, 2, 6, 6]",
                "x = x.amax(new long[] { 2, 3 }); // [B, 2]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a sequential model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"sequential\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, 1, 6, 6]\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Float, \"batch\", 1, 6, 6); // [B, 1, 6, 6]",
                "x = onnx.Conv(this.__conv2d_0, x, new long[] { 0, 0, 1, 1 }); // [B, 2, 6, 6]",
                "x = onnx.Softmax(x, 1); // [B, 2, 6, 6]",
                "x = onnx.ReduceMax(x, new long[] { 2, 3 }); // [B, 2]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 2 }); // [B, 2]",
                "return onnx;",
            ]
        },
        // A clip [C, D, H, W]: global average over axes 2, 3, 4; log_softmax is over the last axis and names the output kind.
        {
            "AClipIsAveragedOverItsThreeAxes",
            "input: { shape: [2, 4, 6, 6] }\nlayers:\n  - conv3d: { filters: 2, kernel: 3 }\n  - global_avgpool: {}\n  - dense: { units: 2, activation: log_softmax }",
            [
                "var x = input; // [B, 2, 4, 6, 6]",
                "x = __conv3d_0.forward(x); // [B, 2, 2, 4, 4]",
                "x = x.mean(new long[] { 2, 3, 4 }); // [B, 2]",
                "x = __dense_0.forward(x); // [B, 2]",
                "x = x.log_softmax(-1); // [B, 2]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a sequential model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"sequential\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, 2, 4, 6, 6]\");",
                "onnx.SetMetadata(OnnxMetadataKeys.OutputKind, \"log_probabilities\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Float, \"batch\", 2, 4, 6, 6); // [B, 2, 4, 6, 6]",
                "x = onnx.Conv(this.__conv3d_0, x, new long[] { 0, 0, 0, 0, 0, 0 }); // [B, 2, 2, 4, 4]",
                "x = onnx.ReduceMean(x, new long[] { 2, 3, 4 }); // [B, 2]",
                "x = onnx.Linear(this.__dense_0, x); // [B, 2]",
                "x = onnx.LogSoftmax(x, -1); // [B, 2]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 2 }); // [B, 2]",
                "return onnx;",
            ]
        },
        // Conv1d and pooling inside time_distributed run on [B*T, ...] with one fold and one unfold for the run, in forward and in ONNX alike; dense acts on the last axis, so it runs on [B, T, F] directly.
        {
            "TimeDistributedWindowsRunFoldedIntoTheBatch",
            "kind: seq2vec\ninput: { shape: [time, 5, 3] }\nlayers:\n  - time_distributed: { conv1d: { filters: 2, kernel: 2 } }\n  - time_distributed: { maxpool: { size: 2 } }\n  - time_distributed: { flatten: {} }\n  - time_distributed: { dense: { units: 3, activation: tanh } }\n  - gru: { units: 2 }",
            [
                "var x = input; // [B, time, 5, 3]",
                "long batch0 = x.shape[0], steps0 = x.shape[1];",
                "x = x.flatten(0, 1); // [B*time, 5, 3]",
                "x = x.transpose(1, 2); // [B*time, 3, 5]",
                "x = __conv1d_0.forward(x); // [B*time, 2, 4]",
                "x = __maxpool_0.forward(x); // [B*time, 2, 2]",
                "x = x.transpose(1, 2); // [B*time, 2, 2]",
                "x = x.flatten(1); // [B*time, 4]",
                "x = x.reshape(batch0, steps0, 4); // [B, time, 4]",
                "x = __dense_0.forward(x); // [B, time, 3]",
                "x = x.tanh(); // [B, time, 3]",
                "x = RecurrentOps.LastState(__gru_0, x, lengths, bidirectional: false); // [B, 2]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a seq2vec model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"seq2vec\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, time, 5, 3]\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Float, \"batch\", \"time\", 5, 3); // [B, time, 5, 3]",
                "OnnxValue? lengths = withLengths ? onnx.AddInput(\"lengths\", OnnxElementType.Int64, \"batch\") : null; // [B]",
                "var steps0 = onnx.Shape(x, 0, 2); // [B, time] as a shape",
                "x = onnx.FoldTime(x); // [B*time, 5, 3]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B*time, 3, 5]",
                "x = onnx.Conv(this.__conv1d_0, x, new long[] { 0, 0 }); // [B*time, 2, 4]",
                "x = onnx.MaxPool(this.__maxpool_0, x); // [B*time, 2, 2]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B*time, 2, 2]",
                "x = onnx.Flatten(x, 1); // [B*time, 4]",
                "x = onnx.UnfoldTime(x, steps0); // [B, time, 4]",
                "x = onnx.Linear(this.__dense_0, x); // [B, time, 3]",
                "x = onnx.Tanh(x); // [B, time, 3]",
                "var gru_0_result = onnx.Gru(this.__gru_0, x, batchFirst: true, lengths: onnx.PackedLengths(x, lengths)); // h_n [1, B, 2]",
                "x = onnx.TopLayerState(gru_0_result.Hidden, bidirectional: false); // [B, 2]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 2 }); // [B, 2]",
                "return onnx;",
            ]
        },
        // Token ids [time] through an embedding; a bidirectional GRU's last state is both directions' (2 · 3 = 6).
        {
            "TokenIdsThroughAnEmbeddingAndABidirectionalState",
            "kind: seq2vec\ninput: { shape: [time], dtype: int64 }\nlayers:\n  - embedding: { vocab: 20, dim: 4 }\n  - gru: { units: 3, bidirectional: true }",
            [
                "var x = input; // [B, time]",
                "x = __embedding_0.forward(x); // [B, time, 4]",
                "x = RecurrentOps.LastState(__gru_0, x, lengths, bidirectional: true); // [B, 6]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a seq2vec model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"seq2vec\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, time]\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Int64, \"batch\", \"time\"); // [B, time]",
                "OnnxValue? lengths = withLengths ? onnx.AddInput(\"lengths\", OnnxElementType.Int64, \"batch\") : null; // [B]",
                "x = onnx.Embedding(this.__embedding_0, x); // [B, time, 4]",
                "var gru_0_result = onnx.Gru(this.__gru_0, x, batchFirst: true, lengths: onnx.PackedLengths(x, lengths)); // h_n [2, B, 3]",
                "x = onnx.TopLayerState(gru_0_result.Hidden, bidirectional: true); // [B, 6]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 6 }); // [B, 6]",
                "return onnx;",
            ]
        },
        // A fixed sequence: Conv1d is channels-first, so flatten first transposes back to [steps, channels] (Keras order).
        {
            "AFixedSequenceFlattensInKerasOrder",
            "input: { shape: [6, 3] }\nlayers:\n  - conv1d: { filters: 4, kernel: 3, activation: gelu }\n  - flatten: {}",
            [
                "var x = input; // [B, 6, 3]",
                "x = x.transpose(1, 2); // [B, 3, 6]",
                "x = __conv1d_0.forward(x); // [B, 4, 4]",
                "x = nn.functional.gelu(x); // [B, 4, 4]",
                "x = x.transpose(1, 2); // [B, 4, 4]",
                "x = x.flatten(1); // [B, 16]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a sequential model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"sequential\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, 6, 3]\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Float, \"batch\", 6, 3); // [B, 6, 3]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B, 3, 6]",
                "x = onnx.Conv(this.__conv1d_0, x, new long[] { 0, 0 }); // [B, 4, 4]",
                "x = onnx.Gelu(x); // [B, 4, 4]",
                "x = onnx.Transpose(x, 0, 2, 1); // [B, 4, 4]",
                "x = onnx.Flatten(x, 1); // [B, 16]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 16 }); // [B, 16]",
                "return onnx;",
            ]
        },
        // dense, dropout, activation and layernorm inside time_distributed act on the last axis: no folding.
        {
            "TimeDistributedLastAxisLayersRunOnTheSequenceAsItIs",
            "input: { shape: [time, 3] }\nlayers:\n  - time_distributed: { dense: { units: 2 } }\n  - time_distributed: { dropout: { rate: 0.1 } }\n  - time_distributed: { activation: { fn: elu } }\n  - time_distributed: { layernorm: {} }\n  - rnn: { units: 2 }",
            [
                "var x = input; // [B, time, 3]",
                "x = __dense_0.forward(x); // [B, time, 2]",
                "x = __dropout_0.forward(x); // [B, time, 2]",
                "x = nn.functional.elu(x, 1.0); // [B, time, 2]",
                "x = __layernorm_0.forward(x); // [B, time, 2]",
                "x = RecurrentOps.LastState(__rnn_0, x, lengths, bidirectional: false); // [B, 2]",
                "return x;",
            ],
            [
                "var onnx = new OnnxGraphBuilder(\"Net\");",
                "onnx.DocString = \"Net: a sequential model generated from Net.model.yaml.\";",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelName, \"Net\");",
                "onnx.SetMetadata(OnnxMetadataKeys.ModelKind, \"sequential\");",
                "onnx.SetMetadata(OnnxMetadataKeys.InputShape, \"[batch, time, 3]\");",
                "var x = onnx.AddInput(\"input\", OnnxElementType.Float, \"batch\", \"time\", 3); // [B, time, 3]",
                "OnnxValue? lengths = withLengths ? onnx.AddInput(\"lengths\", OnnxElementType.Int64, \"batch\") : null; // [B]",
                "x = onnx.Linear(this.__dense_0, x); // [B, time, 2]",
                "x = onnx.Dropout(this.__dropout_0, x); // [B, time, 2]",
                "x = onnx.Elu(x); // [B, time, 2]",
                "x = onnx.LayerNorm(this.__layernorm_0, x); // [B, time, 2]",
                "var rnn_0_result = onnx.Rnn(this.__rnn_0, x, batchFirst: true, nonLinearity: nn.NonLinearities.Tanh, lengths: onnx.PackedLengths(x, lengths)); // h_n [1, B, 2]",
                "x = onnx.TopLayerState(rnn_0_result.Hidden, bidirectional: false); // [B, 2]",
                "onnx.AddOutput(x, \"output\", OnnxElementType.Float, new OnnxDim[] { \"batch\", 2 }); // [B, 2]",
                "return onnx;",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndOnnxFollowTheLayers(string name, string body, string[] forward, string[] onnx)
    {
        GeneratorRun run = NetSpec.Generate(body);

        NetSpec.Body(run, " forward(").ShouldBe(forward, ignoreOrder: false, customMessage: name);
        NetSpec.Body(run, " ToOnnx(").ShouldBe(onnx, ignoreOrder: false, customMessage: name);
    }
}
