using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Parsing;

/// <summary>
/// Reading a spec file, field by field: every wrong value, type, key or layer entry is one diagnostic at the node it
/// is about, with the message a user reads in the build output; the accepted spellings (a name beside the layer type,
/// the activation shorthand, a named time_distributed, integer padding, the largest size) generate what they say.
/// </summary>
public sealed class SpecReadingTests
{
    private const string Dense = "layers: [ { dense: { units: 2 } } ]";

    [Theory]
    [InlineData("model: Net\nkind: foo\ninput: { shape: [4] }\n" + Dense, "Net.model.yaml(2,7): error QD0008: 'kind' has invalid value 'foo': use one of sequential, seq2vec, seq2seq, vec2seq")]
    [InlineData("model: Net\nnamespace: 1abc\ninput: { shape: [4] }\n" + Dense, "Net.model.yaml(2,12): error QD0005: '1abc' is not a valid C# namespace: part '1abc': start it with a letter (A-Z, a-z)")]
    [InlineData("model: Net\ndescription: [a]\ninput: { shape: [4] }\n" + Dense, "Net.model.yaml(2,14): error QD0004: 'description' must be a text value, but is a list")]
    [InlineData("model: [Net]\ninput: { shape: [4] }\n" + Dense, "Net.model.yaml(1,8): error QD0004: 'model' must be a text value, but is a list")]
    [InlineData("input: { shape: [4] }\n" + Dense, "Net.model.yaml(1,1): error QD0003: the spec is missing required field 'model': e.g. 'model: QuickDrawClassifier'")]
    [InlineData("model: Net\ninput: { shape: [4] }", "Net.model.yaml(1,1): error QD0003: the spec is missing required field 'layers': e.g. 'layers: [ { dense: { units: 10 } } ]'")]
    [InlineData("hello", "Net.model.yaml(1,1): error QD0004: 'the spec' must be a mapping with 'model:', 'input:' and 'layers:', but is 'hello'")]
    [InlineData("model: Net\ninput: { shape: [4] }\n" + Dense + "\n---\nmodel: Other", "Net.model.yaml(5,1): error QD0001: YAML syntax error: a model file holds one document; move the second model to its own .model.yaml file")]
    // options
    [InlineData("model: Net\noptions: [1]\ninput: { shape: [4] }\n" + Dense, "Net.model.yaml(2,10): error QD0004: 'options' must be a mapping of names to numbers, e.g. 'options: { hidden: 128 }', but is a list")]
    [InlineData("model: Net\noptions: { 1x: 3 }\ninput: { shape: [4] }\n" + Dense, "Net.model.yaml(2,12): error QD0005: '1x' is not a valid C# option name: start it with a letter (A-Z, a-z)")]
    [InlineData("model: Net\noptions: { h: abc }\ninput: { shape: [4] }\n" + Dense, "Net.model.yaml(2,15): error QD0004: 'options.h' must be a number, but is 'abc'")]
    [InlineData("model: Net\noptions: { h: \"3\" }\ninput: { shape: [4] }\n" + Dense, "Net.model.yaml(2,15): error QD0004: 'options.h' must be a number, but is '3'")]
    [InlineData("model: Net\noptions: { r: 0.3 }\ninput: { shape: [4] }\nlayers: [ { dense: { units: $r } } ]", "Net.model.yaml(4,29): error QD0004: 'dense.units' must be an integer (option 'r' is 0.3), but is a number with a fraction")]
    [InlineData("model: Net\noptions: { k: 3 }\ninput: { shape: [5, 2] }\nlayers: [ { conv1d: { filters: 2, kernel: $k } } ]", "Net.model.yaml(4,43): error QD0008: 'conv1d.kernel' has invalid value '$k': only sizes (units, filters, dim) and rates can refer to options; write a literal here")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: $zzz } } ]", "Net.model.yaml(3,29): error QD0011: 'dense.units' refers to option 'zzz', which is not declared under 'options:'; declare it, e.g. 'options: { zzz: 128 }'")]
    // input and output
    [InlineData("model: Net\ninput: [4]\n" + Dense, "Net.model.yaml(2,8): error QD0004: 'input' must be a mapping, e.g. '{ name: x, shape: [time, 3] }', but is a list")]
    [InlineData("model: Net\ninput: { name: 1x, shape: [4] }\n" + Dense, "Net.model.yaml(2,16): error QD0005: '1x' is not a valid C# parameter name: start it with a letter (A-Z, a-z) (e.g. 'strokes')")]
    [InlineData("model: Net\ninput: { shape: [4] }\noutput: { name: 1y, shape: [2] }\n" + Dense, "Net.model.yaml(3,17): error QD0005: '1y' is not a valid C# parameter name: start it with a letter (A-Z, a-z) (e.g. 'logits')")]
    [InlineData("model: Net\ninput: { shape: [4], dtype: float64 }\n" + Dense, "Net.model.yaml(2,29): error QD0008: 'input.dtype' has invalid value 'float64': use float32 (default) or int64 (token ids for an embedding)")]
    [InlineData("model: Net\ninput: { name: x }\n" + Dense, "Net.model.yaml(2,8): error QD0003: 'input' is missing required field 'shape': the shape without the batch axis, e.g. 'shape: [time, 3]'")]
    [InlineData("model: Net\ninput: { shape: 4 }\n" + Dense, "Net.model.yaml(2,17): error QD0004: 'input.shape' must be a non-empty list of sizes or axis names, e.g. [time, 3], but is '4'")]
    [InlineData("model: Net\ninput: { shape: [] }\n" + Dense, "Net.model.yaml(2,17): error QD0004: 'input.shape' must be a non-empty list of sizes or axis names, e.g. [time, 3], but is a list")]
    [InlineData("model: Net\ninput: { shape: [0] }\n" + Dense, "Net.model.yaml(2,18): error QD0008: 'input.shape' has invalid value '0': each dimension is a whole number from 1 to 16777216 or an axis name such as 'time'")]
    [InlineData("model: Net\ninput: { shape: [-1] }\n" + Dense, "Net.model.yaml(2,18): error QD0008: 'input.shape' has invalid value '-1': each dimension is a whole number from 1 to 16777216 or an axis name such as 'time'")]
    [InlineData("model: Net\ninput: { shape: [16777217] }\n" + Dense, "Net.model.yaml(2,18): error QD0008: 'input.shape' has invalid value '16777217': each dimension is a whole number from 1 to 16777216 or an axis name such as 'time'")]
    [InlineData("model: Net\ninput: { shape: [1x] }\n" + Dense, "Net.model.yaml(2,18): error QD0008: 'input.shape' has invalid value '1x': each dimension is a whole number from 1 to 16777216 or an axis name such as 'time'")]
    [InlineData("model: Net\ninput: { shape: [class, 3] }\n" + Dense, "Net.model.yaml(2,18): error QD0008: 'input.shape' has invalid value 'class': an axis name 'class' is a C# keyword; pick another name (e.g. 'class_1')")]
    [InlineData("model: Net\ninput: { shape: [[2]] }\n" + Dense, "Net.model.yaml(2,18): error QD0008: 'input.shape' has invalid value 'a list': each dimension is a whole number from 1 to 16777216 or an axis name such as 'time'")]
    [InlineData("model: Net\ninput: { shape: [4], foo: 1 }\n" + Dense, "Net.model.yaml(2,22): error QD0002: Unknown key 'foo' in 'input'; valid keys: name, shape, dtype")]
    // labels and layers
    [InlineData("model: Net\ninput: { shape: [4] }\nlabels: cat\n" + Dense, "Net.model.yaml(3,9): error QD0004: 'labels' must be a list of class names, but is 'cat'")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlabels: [cat, [dog]]\n" + Dense, "Net.model.yaml(3,15): error QD0004: 'labels[1]' must be a text value, but is a list")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers: { dense: { units: 2 } }", "Net.model.yaml(3,9): error QD0004: 'layers' must be a list of layers ('- dense: { units: 10 }'), but is a mapping")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense", "Net.model.yaml(4,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': found 'dense'")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - {}", "Net.model.yaml(4,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': found a mapping")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - name: x", "Net.model.yaml(4,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': found only 'name'; add the layer type")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - zzzzzzzzzz: {}", "Net.model.yaml(4,5): error QD0010: Unknown layer type 'zzzzzzzzzz'; valid types: dense, dropout, activation, batchnorm, layernorm, embedding, conv1d, conv2d, conv3d, maxpool, avgpool, global_avgpool, global_maxpool, flatten, lstm, gru, rnn, time_distributed, repeat_vector, attention, residual")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: 5", "Net.model.yaml(4,12): error QD0004: 'dense' must be a mapping of parameters (or nothing), but is '5'")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense:", "Net.model.yaml(4,5): error QD0003: layer 'dense' is missing required field 'units': Output features.")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense:\n    units: 3", "Net.model.yaml(5,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': 'units' is a parameter of 'dense' but is not indented under it; indent it further than 'dense:', or write '- dense: { units: ... }'")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2 }\n    bias: false", "Net.model.yaml(5,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': 'bias' is a parameter of 'dense' but sits outside its parameters; move it into 'dense: { ... }'")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - foo: 1\n    bar: 2", "Net.model.yaml(4,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': found 2 keys (foo, bar); write one layer per list item")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2, name: 2x } } ]", "Net.model.yaml(3,38): error QD0005: '2x' is not a valid C# layer name: start it with a letter (A-Z, a-z) (e.g. 'conv_in')")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2, name: [a] } } ]", "Net.model.yaml(3,38): error QD0004: 'name' must be a text value, but is a list")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2, zzzzzzzzzzzz: 1 } } ]", "Net.model.yaml(3,32): error QD0002: Unknown key 'zzzzzzzzzzzz' in layer 'dense'; valid keys: units, bias, activation, name")]
    // time_distributed
    [InlineData("model: Net\ninput: { shape: [time, 4] }\nlayers:\n  - time_distributed: 5", "Net.model.yaml(4,23): error QD0004: 'time_distributed' must be the wrapped layer, e.g. '{ dense: { units: 7 } }', but is '5'")]
    [InlineData("model: Net\ninput: { shape: [time, 4] }\nlayers:\n  - time_distributed: { time_distributed: { dense: { units: 2 } } }", "Net.model.yaml(4,23): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': time_distributed cannot wrap another time_distributed")]
    [InlineData("model: Net\ninput: { shape: [time, 4] }\nlayers:\n  - time_distributed: { dense: { units: 2 }, dropout: {} }", "Net.model.yaml(4,23): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': time_distributed wraps exactly one layer, e.g. '- time_distributed: { dense: { units: 7 } }'")]
    // values
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: [2] }", "Net.model.yaml(4,21): error QD0004: 'dense.units' must be an integer, but is a list")]
    [InlineData("model: Net\ninput: { shape: [5, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: [a] }", "Net.model.yaml(4,36): error QD0004: 'conv1d.kernel' must be a list of whole numbers, but is 'a'")]
    [InlineData("model: Net\ninput: { shape: [5, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: [0] }", "Net.model.yaml(4,36): error QD0008: 'conv1d.kernel' has invalid value '0': each value must be a whole number from 1 to 16777216")]
    [InlineData("model: Net\ninput: { shape: [5, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: [99999999999999999999] }", "Net.model.yaml(4,36): error QD0008: 'conv1d.kernel' has invalid value '99999999999999999999': each value must be a whole number from 1 to 16777216")]
    [InlineData("model: Net\ninput: { shape: [5, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: [] }", "Net.model.yaml(4,35): error QD0008: 'conv1d.kernel' has invalid value '[]': give at least one size")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: { a: 1 } }", "Net.model.yaml(4,21): error QD0004: 'dense.units' must be an integer, but is a mapping")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: \"2\" }", "Net.model.yaml(4,21): error QD0004: 'dense.units' must be an integer, but is '2'")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: -3 } } ]", "Net.model.yaml(3,29): error QD0008: 'dense.units' has invalid value '-3': must be a whole number from 1 to 16777216")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dropout: { rate: abc }", "Net.model.yaml(4,22): error QD0004: 'dropout.rate' must be a number, but is 'abc'")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dropout: { rate: .nan }", "Net.model.yaml(4,22): error QD0004: 'dropout.rate' must be a number, but is '.nan'")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2, bias: yes }", "Net.model.yaml(4,30): error QD0004: 'dense.bias' must be true or false, but is 'yes'")]
    [InlineData("model: Net\ninput: { shape: [1, 5, 5] }\nlayers:\n  - conv2d: { filters: 2, kernel: 3, padding: causal }", "Net.model.yaml(4,47): error QD0008: 'conv2d.padding' has invalid value 'causal': causal padding is for conv1d over time; use valid, same, or a whole number from 0 (one, or one per spatial axis)")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2, activation: rel }", "Net.model.yaml(4,36): error QD0008: 'dense.activation' has invalid value 'rel': use one of relu, tanh, sigmoid, gelu, softmax, log_softmax, leaky_relu, elu, silu (did you mean 'relu'?)")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2, activation: zzzzzzzzzz }", "Net.model.yaml(4,36): error QD0008: 'dense.activation' has invalid value 'zzzzzzzzzz': use one of relu, tanh, sigmoid, gelu, softmax, log_softmax, leaky_relu, elu, silu")]
    // decoder
    [InlineData("model: Net\nkind: vec2seq\ninput: { shape: [4] }\n" + Dense + "\ndecoder: [gru]", "Net.model.yaml(5,10): error QD0004: 'decoder' must be a mapping, e.g. '{ cell: gru, units: 64, steps: 7, head: [ { dense: { units: 1 } } ] }', but is a list")]
    [InlineData("model: Net\nkind: vec2seq\ninput: { shape: [4] }\noutput: { shape: [3, 1] }\n" + Dense + "\ndecoder: { cell: gru, head: [ { dense: { units: 1 } } ] }", "Net.model.yaml(6,10): error QD0003: 'decoder' is missing required field 'units': Hidden size.")]
    [InlineData("model: Net\nkind: vec2seq\ninput: { shape: [4] }\noutput: { shape: [3, 1] }\n" + Dense + "\ndecoder: { cell: gru, units: 2, head: { dense: { units: 1 } } }", "Net.model.yaml(6,39): error QD0004: 'decoder.head' must be a list of layers applied to every decoder step, but is a mapping")]
    [InlineData("model: Net\nkind: vec2seq\ninput: { shape: [4] }\noutput: { shape: [3, 1] }\n" + Dense + "\ndecoder: { cell: gru, units: 2, head: [ { time_distributed: { dense: { units: 1 } } } ] }", "Net.model.yaml(6,43): error QD0107: Layer 'time_distributed' (time_distributed) expects a sequence but gets a single decoder step (the head is already applied to every step)")]
    [InlineData("model: Net\nkind: vec2seq\ninput: { shape: [4] }\noutput: { shape: [3, 1] }\n" + Dense + "\ndecoder: { cell: gru, units: 2, stepz: 3, head: [ { dense: { units: 1 } } ] }", "Net.model.yaml(6,33): error QD0002: Unknown key 'stepz' in 'decoder'; did you mean 'steps'?")]
    [InlineData("model: Net\nkind: seq2seq\ninput: { shape: [time, 2] }\noutput: { shape: [3, 1] }\nlayers:\n  - gru: { units: 2, name: decoder }\ndecoder: { cell: gru, units: 2, head: [ { dense: { units: 1 } } ] }", "Net.model.yaml(6,5): error QD0007: Layer name 'decoder' is used twice; layer names become fields and must be unique")]
    public void EachMistakeIsOneDiagnosticAtItsNode(string spec, string expected)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec + "\n"));

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe([expected]);
    }

    [Fact]
    public void EveryWrongDimensionOfAShapeIsReportedInOneBuild()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\ninput: { shape: [0, 3, -1, time] }\n" + Dense + "\n"));

        run.Messages.Select(m => m[..m.IndexOf(':', System.StringComparison.Ordinal)]).ShouldBe(["Net.model.yaml(2,18)", "Net.model.yaml(2,24)"]);
    }

    [Theory]
    // A name beside the layer type, or inside time_distributed, names the layer; 4 · 2 + 2 = 10.
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 2 }\n    name: head", "head (Linear) | [B, 2] | 10", "__head = global::TorchSharp.torch.nn.Linear(4, 2);")]
    [InlineData("input: { shape: [time, 4] }\nlayers:\n  - time_distributed: { dense: { units: 2 }, name: head }", "head (TimeDistributed(Linear)) | [B, time, 2] | 10", "__head = global::TorchSharp.torch.nn.Linear(4, 2);")]
    [InlineData("input: { shape: [time, 4] }\nlayers:\n  - time_distributed: { dense: { units: 2, name: inner } }", "inner (TimeDistributed(Linear)) | [B, time, 2] | 10", "__inner = global::TorchSharp.torch.nn.Linear(4, 2);")]
    // '- activation: relu' is the shorthand of '{ fn: relu }'.
    [InlineData("input: { shape: [4] }\nlayers:\n  - activation: relu", "activation_0 (Activation relu) | [B, 4] | 0", "")]
    // An integer padding pads both ends: 5 + 2 − 3 + 1 = 5; 2 · 2 · 3 + 2 = 14.
    [InlineData("input: { shape: [5, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: 3, padding: 1 }", "conv1d_0 (Conv1d) | [B, 5, 2] | 14", "__conv1d_0 = global::TorchSharp.torch.nn.Conv1d(2, 2, 3, padding: 1);")]
    // The largest size a shape may have: 2^24 in, one out, 2^24 + 1 parameters.
    [InlineData("input: { shape: [16777216] }\nlayers:\n  - dense: { units: 1 }", "dense_0 (Linear) | [B, 1] | 16,777,217", "__dense_0 = global::TorchSharp.torch.nn.Linear(16777216, 1);")]
    public void AcceptedSpellingsGenerateWhatTheySay(string body, string row, string construction)
    {
        GeneratorRun run = NetSpec.Generate(body);

        NetSpec.Rows(run).ShouldBe([row]);
        NetSpec.Constructions(run).ShouldBe(construction.Length == 0 ? [] : [construction]);
    }

    [Fact]
    public void TheSpecsNamesAndTextReachTheGeneratedCode()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\nnamespace: My.Models\nkind: sequential\ninput: { name: pixels, shape: [4] }\noutput: { name: scores, shape: [2] }\nlabels: [cat, dog]\ndescription: Two classes.\n" + Dense + "\n"));

        run.Messages.ShouldBeEmpty();
        // A labelled classifier also gets its typed predictor, in the spec's namespace too.
        run.Sources.Keys.ShouldBe(["My.Models.Net.g.cs", "My.Models.NetOptions.g.cs", "My.Models.NetPredictor.g.cs"], ignoreOrder: true);
        run.Sources["My.Models.NetPredictor.g.cs"].ShouldContain("namespace My.Models;");
        string module = run.Sources["My.Models.Net.g.cs"];
        module.ShouldContain("namespace My.Models;");
        module.ShouldContain("/// <summary>Two classes.</summary>");
        module.ShouldContain("\"Net\", \"sequential\", \"Net.model.yaml\", \"pixels\", new string[] { \"4\" }, \"float32\", \"scores\", new string[] { \"2\" }, ParameterCount, new string[] { \"cat\", \"dog\" },");
        module.ShouldContain("forward(global::TorchSharp.torch.Tensor pixels)");
    }

    [Fact]
    public void AHundredErrorsStopTheParserWithOneMoreThatSaysSo()
    {
        string layers = string.Concat(Enumerable.Range(0, 150).Select(_ => "  - dense: { units: 0 }\n"));
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\ninput: { shape: [4] }\nlayers:\n" + layers));

        string[] messages = run.Messages.ToArray();
        messages.Length.ShouldBe(101);
        messages[99].ShouldBe("Net.model.yaml(103,21): error QD0008: 'dense.units' has invalid value '0': must be a whole number from 1 to 16777216");
        messages[100].ShouldBe("Net.model.yaml(103,21): error QD0014: The number of errors in this spec exceeds the limit of 100 errors; fix the errors above and build again to see the rest");
    }
}
