using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>
/// The shape rules of every layer family, as a user meets them: spec text in; the whole summary table (each shape and
/// parameter count worked out by hand in the comment above the case), the total and the constructor lines out, or the
/// one located diagnostic. Complements <see cref="LayerTableTests"/> (one case per parameter) with the axis each layer
/// reads, the layers without a module, symbolic sizes and every rank or kind the rules refuse.
/// </summary>
public sealed class LayerRuleTests
{
    [Theory]
    // batchnorm normalizes the features: the last axis of a sequence [time, features] (2 · 3), the channels of a clip (2 · 2).
    [InlineData("input: { shape: [10, 3] }\nlayers:\n  - batchnorm: {}", "batchnorm_0 (BatchNorm1d) | [B, 10, 3] | 6", "6", "__batchnorm_0 = global::TorchSharp.torch.nn.BatchNorm1d(3);")]
    [InlineData("input: { shape: [2, 3, 4, 4] }\nlayers:\n  - batchnorm: { momentum: 0.2 }", "batchnorm_0 (BatchNorm3d) | [B, 2, 3, 4, 4] | 4", "4", "__batchnorm_0 = global::TorchSharp.torch.nn.BatchNorm3d(2, momentum: 0.2);")]
    // layernorm normalizes the last axis: 2 · 6.
    [InlineData("input: { shape: [5, 6] }\nlayers:\n  - layernorm: {}", "layernorm_0 (LayerNorm) | [B, 5, 6] | 12", "12", "__layernorm_0 = global::TorchSharp.torch.nn.LayerNorm(6);")]
    // embedding: vocab · dim = 40, token ids [time] become [time, dim]; padding_idx may be the last id (vocab − 1).
    [InlineData("input: { shape: [time], dtype: int64 }\nlayers:\n  - embedding: { vocab: 10, dim: 4 }", "embedding_0 (Embedding) | [B, time, 4] | 40", "40", "__embedding_0 = global::TorchSharp.torch.nn.Embedding(10, 4);")]
    [InlineData("input: { shape: [time], dtype: int64 }\nlayers:\n  - embedding: { vocab: 10, dim: 4, padding_idx: 9 }", "embedding_0 (Embedding) | [B, time, 4] | 40", "40", "__embedding_0 = global::TorchSharp.torch.nn.Embedding(10, 4, padding_idx: 9);")]
    // global pools keep the channels: the last axis of a sequence, the first of an image.
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - global_avgpool: {}", "global_avgpool_0 (GlobalAvgPool) | [B, 3] | 0", "0", "")]
    [InlineData("input: { shape: [4, 5, 5] }\nlayers:\n  - global_maxpool: {}", "global_maxpool_0 (GlobalMaxPool) | [B, 4] | 0", "0", "")]
    [InlineData("input: { shape: [2, 3, 4] }\nlayers:\n  - flatten: {}", "flatten_0 (Flatten) | [B, 24] | 0", "0", "")]
    // repeat_vector: n from the layer, else the output's fixed first axis.
    [InlineData("input: { shape: [4] }\nlayers:\n  - repeat_vector: { n: 3 }", "repeat_vector_0 (RepeatVector) | [B, 3, 4] | 0", "0", "")]
    [InlineData("input: { shape: [4] }\noutput: { shape: [5, 4] }\nlayers:\n  - repeat_vector: {}", "repeat_vector_0 (RepeatVector) | [B, 5, 4] | 0", "0", "")]
    // time_distributed counts its inner layer once and keeps the time axis: 3 · 2 + 2 = 8; conv 1 · 2 · 9 + 2 = 20 on 8 − 2 = 6.
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - time_distributed: { dense: { units: 2 } }", "dense_0 (TimeDistributed(Linear)) | [B, time, 2] | 8", "8", "__dense_0 = global::TorchSharp.torch.nn.Linear(3, 2);")]
    [InlineData("input: { shape: [time, 1, 8, 8] }\nlayers:\n  - time_distributed: { conv2d: { filters: 2, kernel: 3 } }\n  - time_distributed: { global_avgpool: {} }", "conv2d_0 (TimeDistributed(Conv2d)) | [B, time, 2, 6, 6] | 20\nglobal_avgpool_0 (TimeDistributed(GlobalAvgPool)) | [B, time, 2] | 0", "20", "__conv2d_0 = global::TorchSharp.torch.nn.Conv2d(1, 2, 3);")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - activation: { fn: relu }\n  - dropout: {}", "activation_0 (Activation relu) | [B, 4] | 0\ndropout_0 (Dropout) | [B, 4] | 0", "0", "__dropout_0 = global::TorchSharp.torch.nn.Dropout(options.Dropout0Rate);")]
    // rnn: 1 gate · 4 · (3 + 4 + 2) = 36, with its ReLU cell.
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - rnn: { units: 4, nonlinearity: relu }", "rnn_0 (RNN) | [B, 4] | 36", "36", "__rnn_0 = global::TorchSharp.torch.nn.RNN(3, 4, nonLinearity: global::TorchSharp.torch.nn.NonLinearities.ReLU, batchFirst: true);")]
    // explicit padding per axis: 5 + 2 − 3 + 1 = 5 rows, 5 + 4 − 3 + 1 = 7 columns; 1 · 2 · 9 + 2 = 20.
    [InlineData("input: { shape: [1, 5, 5] }\nlayers:\n  - conv2d: { filters: 2, kernel: 3, padding: [1, 2] }", "conv2d_0 (Conv2d) | [B, 2, 5, 7] | 20", "20", "__conv2d_0 = global::TorchSharp.torch.nn.Conv2d(1, 2, (3, 3), padding: (1, 2));")]
    // A dynamic time axis stays one expression: time − 2; a kernel of 1 keeps it; ceil((time − 2) / 2) = floor((time − 1) / 2);
    // a kernel of 3 with stride 2 on that: floor((L − 3) / 2) + 1 = floor((time − 3) / 4). Counts 3·4·3+4, 4·4+4, 0, 4·4·3+4.
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - conv1d: { filters: 4, kernel: 3 }\n  - conv1d: { filters: 4, kernel: 1 }\n  - maxpool: { size: 2, padding: same }\n  - conv1d: { filters: 4, kernel: 3, stride: 2 }", "conv1d_0 (Conv1d) | [B, time-2, 4] | 40\nconv1d_1 (Conv1d) | [B, time-2, 4] | 20\nmaxpool_0 (MaxPool1d) | [B, floor((time-1)/2), 4] | 0\nconv1d_2 (Conv1d) | [B, floor((time-3)/4), 4] | 52", "112", "__conv1d_0 = global::TorchSharp.torch.nn.Conv1d(3, 4, 3);\n__conv1d_1 = global::TorchSharp.torch.nn.Conv1d(4, 4, 1);\n__maxpool_0 = global::TorchSharp.torch.nn.MaxPool1d(2, ceil_mode: true);\n__conv1d_2 = global::TorchSharp.torch.nn.Conv1d(4, 4, 3, stride: 2);")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - maxpool: { size: 2 }\n  - avgpool: { size: 3, padding: same }", "maxpool_0 (MaxPool1d) | [B, floor(time/2), 3] | 0\navgpool_0 (AvgPool1d) | [B, floor((time+4)/6), 3] | 0", "0", "__maxpool_0 = global::TorchSharp.torch.nn.MaxPool1d(2);\n__avgpool_0 = global::TorchSharp.torch.nn.AvgPool1d(3, ceil_mode: true);")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - maxpool: { size: 3, padding: same }", "maxpool_0 (MaxPool1d) | [B, ceil(time/3), 3] | 0", "0", "__maxpool_0 = global::TorchSharp.torch.nn.MaxPool1d(3, ceil_mode: true);")]
    // The default of return_sequences is true when a recurrent layer follows anywhere later: gru 3·3·(2+3+2) = 63 keeps time.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 2] }\nlayers:\n  - gru: { units: 3 }\n  - time_distributed: { dense: { units: 1 } }", "gru_0 (GRU) | [B, time, 3] | 63\ndense_0 (TimeDistributed(Linear)) | [B, time, 1] | 4", "67", "__gru_0 = global::TorchSharp.torch.nn.GRU(2, 3, batchFirst: true);\n__dense_0 = global::TorchSharp.torch.nn.Linear(3, 1);")]
    [InlineData("input: { shape: [time, 2] }\nlayers:\n  - gru: { units: 3 }\n  - dropout: { rate: 0.1 }\n  - lstm: { units: 2 }", "gru_0 (GRU) | [B, time, 3] | 63\ndropout_0 (Dropout) | [B, time, 3] | 0\nlstm_0 (LSTM) | [B, 2] | 56", "119", "__gru_0 = global::TorchSharp.torch.nn.GRU(2, 3, batchFirst: true);\n__dropout_0 = global::TorchSharp.torch.nn.Dropout(options.Dropout0Rate);\n__lstm_0 = global::TorchSharp.torch.nn.LSTM(3, 2, batchFirst: true);")]
    // A decoder of two LSTM layers: 4·3·(1+3+2) = 72 on the fed-back output, 4·3·(3+3+2) = 96 on the first layer's state.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 2] }\noutput: { shape: [4, 1] }\nlayers:\n  - lstm: { units: 3 }\ndecoder:\n  cell: lstm\n  units: 3\n  num_layers: 2\n  head: [ { dense: { units: 1 } } ]", "lstm_0 (LSTM) | [B, 3] | 84\ndecoder (LSTM x 4 steps) | [B, 4, 3] | 168\ndense_0 (Linear) | [B, 4, 1] | 4", "256", "__lstm_0 = global::TorchSharp.torch.nn.LSTM(2, 3, batchFirst: true);\n__dense_0 = global::TorchSharp.torch.nn.Linear(3, 1);\nDecoder__ = global::TorchSharp.torch.nn.LSTM(1, 3, numLayers: 2, batchFirst: true);")]
    // A decoder head with layernorm and activation: gru cell 3·2·(2+2+2) = 36 on the head's 2 outputs; layernorm 2·2.
    [InlineData("kind: vec2seq\ninput: { shape: [2] }\noutput: { shape: [3, 2] }\nlayers:\n  - dense: { units: 2 }\ndecoder:\n  cell: gru\n  units: 2\n  head:\n    - layernorm: {}\n    - activation: { fn: tanh }", "dense_0 (Linear) | [B, 2] | 6\ndecoder (GRU x 3 steps) | [B, 3, 2] | 36\nlayernorm_0 (LayerNorm) | [B, 3, 2] | 4\nactivation_0 (Activation tanh) | [B, 3, 2] | 0", "46", "__dense_0 = global::TorchSharp.torch.nn.Linear(2, 2);\n__layernorm_0 = global::TorchSharp.torch.nn.LayerNorm(2);\nDecoder__ = global::TorchSharp.torch.nn.GRU(2, 2, numLayers: 1, batchFirst: true);")]
    public void EveryLayerFamilyHasItsRowsCountAndConstructor(string body, string rows, string total, string constructions)
    {
        GeneratorRun run = NetSpec.Generate(body);

        NetSpec.Rows(run).ShouldBe(rows.Split('\n'));
        NetSpec.Total(run).ShouldBe(total);
        NetSpec.Constructions(run).ShouldBe(constructions.Length == 0 ? [] : constructions.Split('\n'));
    }

    [Fact]
    public void DropoutRatesAreTheSpecsOrOneHalfInTheOptionsRecord()
    {
        GeneratorRun run = NetSpec.Generate("input: { shape: [4] }\nlayers:\n  - dropout: {}\n  - dropout: { rate: 0.25 }");
        string options = NetSpec.Options(run);

        options.ShouldContain("public double Dropout0Rate { get; init; } = 0.5;");
        options.ShouldContain("public double Dropout1Rate { get; init; } = 0.25;");
    }

    [Fact]
    public void ASizeFromAnOptionStaysAnExpressionThroughDirectionsAndFlatten()
    {
        // Bidirectional: 2 · 3 · 5 · (3 + 5 + 2) = 300 and a head on 2 · 5 features; the code says 2 * options.Hidden.
        GeneratorRun gru = NetSpec.Generate("options: { hidden: 5 }\ninput: { shape: [time, 3] }\nlayers:\n  - gru: { units: $hidden, bidirectional: true }\n  - dense: { units: 2 }");
        NetSpec.Rows(gru).ShouldBe(["gru_0 (GRU) | [B, 10] | 300", "dense_0 (Linear) | [B, 2] | 22"]);
        NetSpec.Constructions(gru).ShouldBe(
        [
            "__gru_0 = global::TorchSharp.torch.nn.GRU(3, options.Hidden, batchFirst: true, bidirectional: true);",
            "__dense_0 = global::TorchSharp.torch.nn.Linear(2 * options.Hidden, 2);",
        ]);

        // Flatten of [$f, 2, 2]: 12 by default, checked(options.F * 2 * 2) in the code (an override may be larger).
        GeneratorRun conv = NetSpec.Generate("options: { f: 3 }\ninput: { shape: [1, 4, 4] }\nlayers:\n  - conv2d: { filters: $f, kernel: 3 }\n  - flatten: {}\n  - dense: { units: 2 }");
        NetSpec.Rows(conv).ShouldBe(["conv2d_0 (Conv2d) | [B, 3, 2, 2] | 30", "flatten_0 (Flatten) | [B, 12] | 0", "dense_0 (Linear) | [B, 2] | 26"]);
        NetSpec.Constructions(conv).ShouldContain("__dense_0 = global::TorchSharp.torch.nn.Linear(checked(options.F * 2 * 2), 2);");
        NetSpec.Total(conv).ShouldBe("56");
    }

    [Theory]
    [InlineData("input: { shape: [2, 3, 4] }\nlayers:\n  - layernorm: {}", "Net.model.yaml(4,5): error QD0107: Layer 'layernorm_0' (layernorm) expects a vector [features] or a sequence [time, features] but gets [2, 3, 4]")]
    [InlineData("input: { shape: [1, 2, 3, 4, 5] }\nlayers:\n  - batchnorm: {}", "Net.model.yaml(4,5): error QD0107: Layer 'batchnorm_0' (batchnorm) expects a vector, a sequence, an image or a clip but gets [1, 2, 3, 4, 5]")]
    [InlineData("input: { shape: [time] }\nlayers:\n  - embedding: { vocab: 10, dim: 4 }", "Net.model.yaml(4,5): error QD0107: Layer 'embedding_0' (embedding) expects token ids [time] as the first layer (input dtype: int64) but gets [time] of float32")]
    [InlineData("input: { shape: [time], dtype: int64 }\nlayers:\n  - embedding: { vocab: 10, dim: 4, padding_idx: 10 }", "Net.model.yaml(4,50): error QD0008: 'embedding.padding_idx' has invalid value '10': must be below vocab (10)")]
    [InlineData("input: { shape: [6], dtype: int64 }\nlayers:\n  - dropout: {}\n  - embedding: { vocab: 10, dim: 4 }", "Net.model.yaml(5,5): error QD0107: Layer 'embedding_0' (embedding) expects token ids [time] as the first layer (input dtype: int64) but gets [6]")]
    [InlineData("input: { shape: [time, 3], dtype: int64 }\nlayers:\n  - embedding: { vocab: 10, dim: 4 }", "Net.model.yaml(4,5): error QD0107: Layer 'embedding_0' (embedding) expects token ids [time] as the first layer (input dtype: int64) but gets [time, 3]")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - global_avgpool: {}", "Net.model.yaml(4,5): error QD0107: Layer 'global_avgpool_0' (global_avgpool) expects a sequence, an image or a clip but gets [4]")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - time_distributed: { dense: { units: 2 } }", "Net.model.yaml(4,5): error QD0107: Layer 'dense_0' (time_distributed) expects a sequence [time, ...] but gets [4]")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - time_distributed: { lstm: { units: 2 } }", "Net.model.yaml(4,25): error QD0107: Layer 'lstm_0' (lstm inside time_distributed) expects to run on the whole sequence but gets one time step; use it without time_distributed")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - repeat_vector: { n: 2 }", "Net.model.yaml(4,5): error QD0107: Layer 'repeat_vector_0' (repeat_vector) expects a vector [features] but gets [time, 3]")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - repeat_vector: {}", "Net.model.yaml(4,5): error QD0105: Model 'Net' is vec2seq but no output length is known; give output.shape a fixed first dimension (e.g. [7, 1]), repeat_vector.n, or decoder.steps")]
    [InlineData("input: { shape: [4] }\noutput: { shape: [time, 4] }\nlayers:\n  - repeat_vector: {}", "Net.model.yaml(5,5): error QD0105: Model 'Net' is vec2seq but no output length is known; give output.shape a fixed first dimension (e.g. [7, 1]), repeat_vector.n, or decoder.steps")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - maxpool: {}", "Net.model.yaml(4,5): error QD0107: Layer 'maxpool_0' (maxpool) expects a sequence [time, channels], an image or a clip but gets [4]")]
    [InlineData("input: { shape: [1, 2, 3, 4, 5] }\nlayers:\n  - avgpool: {}", "Net.model.yaml(4,5): error QD0107: Layer 'avgpool_0' (avgpool) expects a sequence [time, channels], an image or a clip but gets [1, 2, 3, 4, 5]")]
    [InlineData("input: { shape: [1, 8, 8] }\nlayers:\n  - conv2d: { filters: 2, kernel: [3, 3, 3] }", "Net.model.yaml(4,35): error QD0008: 'conv2d.kernel' has invalid value '[3, 3, 3]': give one value or 2 (one per spatial axis)")]
    [InlineData("input: { shape: [1, 8, 8] }\nlayers:\n  - lstm: { units: 2 }", "Net.model.yaml(4,5): error QD0103: Layer 'lstm_0' (lstm) needs a sequence [time, features] but gets [1, 8, 8]")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 4 }\ndecoder:\n  cell: gru\n  units: 4\n  head: [ { dense: { units: 1 } } ]", "Net.model.yaml(6,3): error QD0110: A sequential model cannot have a decoder; use kind: seq2seq (encoder–decoder) or vec2seq")]
    [InlineData("kind: seq2vec\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2 }", "Net.model.yaml(3,17): error QD0110: A seq2vec model takes a sequence [time, features]; input.shape is [4]")]
    [InlineData("kind: seq2vec\ninput: { shape: [time, 3] }\nlayers:\n  - conv1d: { filters: 2, kernel: 1 }", "Net.model.yaml(5,5): error QD0104: A seq2vec model must output a vector, but the last layer outputs [time, 2]; end with a recurrent layer, global_avgpool or flatten")]
    [InlineData("kind: seq2seq\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2 }", "Net.model.yaml(3,17): error QD0110: A seq2seq model takes a sequence [time, features]; input.shape is [4]")]
    [InlineData("kind: seq2seq\ninput: { shape: [time, 3] }\nlayers:\n  - global_avgpool: {}", "Net.model.yaml(5,5): error QD0110: A seq2seq model must output a sequence, but the last layer outputs [3]; keep the time axis (time_distributed dense) or add a decoder: section")]
    [InlineData("kind: vec2seq\ninput: { shape: [4] }\noutput: { shape: [5, 2] }\nlayers:\n  - dense: { units: 2 }", "Net.model.yaml(6,5): error QD0110: A vec2seq model turns its vector into a sequence with repeat_vector (or a decoder: section); add '- repeat_vector: {}' before the first recurrent layer")]
    [InlineData("kind: vec2seq\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2 }", "Net.model.yaml(1,8): error QD0105: Model 'Net' is vec2seq but no output length is known; give output.shape a fixed first dimension (e.g. [7, 1]), repeat_vector.n, or decoder.steps")]
    [InlineData("input: { shape: [time, 3] }\noutput: { shape: [time, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: 3 }", "Net.model.yaml(3,18): error QD0106: The layers produce [time-2, 2] but output.shape declares [time, 2]; change output.shape or the last layer")]
    [InlineData("input: { shape: [time] }\nlayers:\n  - dense: { units: 2 }", "Net.model.yaml(4,5): error QD0107: Layer 'dense_0' (dense) expects a vector of fixed size but gets [time]; token ids [time] need an 'embedding' first (input dtype: int64)")]
    [InlineData("input: { shape: [time, 1, 8, 8] }\nlayers:\n  - time_distributed: { conv2d: { filters: 2, kernel: 3 } }\n  - conv2d: { filters: 2, kernel: 3 }", "Net.model.yaml(5,5): error QD0107: Layer 'conv2d_1' (conv2d) expects an image or clip with a fixed number of channels but gets [time, 2, 6, 6]; wrap it in 'time_distributed' to apply it to each step of a sequence of images or clips")]
    [InlineData("input: { shape: [time, 2] }\nlayers:\n  - gru: { units: 3 }\n  - dense: { units: 2 }\n  - lstm: { units: 2 }", "Net.model.yaml(5,5): error QD0101: Layer 'dense_0' (dense) gets a sequence [time, 3]; it needs a vector. Wrap it in 'time_distributed' for a per-step output, or reduce the sequence first ('flatten', 'global_avgpool', or a recurrent layer with return_sequences: false)")]
    public void ShapeMistakesAreOneLocatedDiagnostic(string body, string expected)
    {
        GeneratorRun run = NetSpec.Run(body);

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe([expected]);
    }
}
