using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Emit;

/// <summary>
/// Every activation in both emitted forms (the TorchSharp forward and the ONNX graph), on the feature axis of the
/// layout it meets, and its effect on masking: only functions that keep zero at zero (relu, tanh, gelu, elu, silu,
/// leaky_relu) leave the zeros of padded steps as they are (here the zeros a packed LSTM leaves), so only after
/// the others does the next step that mixes time mask them again.
/// </summary>
public sealed class ActivationCodeTests
{
    [Theory]
    [InlineData("relu", "x = x.relu();", "x = onnx.Relu(x);", false)]
    [InlineData("tanh", "x = x.tanh();", "x = onnx.Tanh(x);", false)]
    [InlineData("sigmoid", "x = x.sigmoid();", "x = onnx.Sigmoid(x);", true)]
    [InlineData("gelu", "x = nn.functional.gelu(x);", "x = onnx.Gelu(x);", false)]
    [InlineData("softmax", "x = x.softmax(-1);", "x = onnx.Softmax(x, -1);", true)]
    [InlineData("log_softmax", "x = x.log_softmax(-1);", "x = onnx.LogSoftmax(x, -1);", true)]
    [InlineData("leaky_relu", "x = nn.functional.leaky_relu(x, 0.01);", "x = onnx.LeakyRelu(x, 0.01);", false)]
    [InlineData("elu", "x = nn.functional.elu(x, 1.0);", "x = onnx.Elu(x);", false)]
    [InlineData("silu", "x = nn.functional.silu(x);", "x = onnx.Silu(x);", false)]
    public void EachActivationIsOneCallAndMasksWhatItMakesNonZero(string fn, string torch, string onnx, bool masks)
    {
        GeneratorRun run = NetSpec.Generate($"input: {{ shape: [time, 3] }}\nlayers:\n  - lstm: {{ units: 2, return_sequences: true }}\n  - activation: {{ fn: {fn} }}\n  - conv1d: {{ filters: 2, kernel: 1 }}");
        const string Mask = "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);";

        NetSpec.Body(run, " forward(").ShouldBe(
        [
            "var x = input; // [B, time, 3]",
            "x = RecurrentOps.Sequence(__lstm_0, x, lengths); // [B, time, 2]",
            torch + " // [B, time, 2]",
            "x = x.transpose(1, 2); // [B, 2, time]",
            .. masks ? [Mask] : System.Array.Empty<string>(),
            "x = __conv1d_0.forward(x); // [B, 2, time]",
            "x = x.transpose(1, 2); // [B, time, 2]",
            "return x;",
        ]);
        var graph = NetSpec.Body(run, " ToOnnx(");
        graph.ShouldContain(onnx + " // [B, time, 2]");
        graph.Count(l => l == "x = onnx.MaskTime(x, lengths, timeDim: 2);").ShouldBe(masks ? 1 : 0);
    }

    [Fact]
    public void SoftmaxAfterAConvolutionRunsOverTheChannelsAxis()
    {
        // Conv1d leaves [B, C, T]: the features are axis 1 until the closing transpose.
        GeneratorRun run = NetSpec.Generate("input: { shape: [time, 3] }\nlayers:\n  - conv1d: { filters: 2, kernel: 1, activation: softmax }");

        NetSpec.Body(run, " forward(").ShouldContain("x = x.softmax(1); // [B, 2, time]");
        NetSpec.Body(run, " ToOnnx(").ShouldContain("x = onnx.Softmax(x, 1); // [B, 2, time]");
    }

    [Theory]
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 3, activation: softmax }", "probabilities")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 3, activation: log_softmax }", "log_probabilities")]
    [InlineData("input: { shape: [time, 4] }\nlayers:\n  - time_distributed: { dense: { units: 3, activation: softmax } }", "probabilities")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 3, activation: sigmoid }", null)]
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 3, activation: softmax }\n  - dropout: {}", null)]
    [InlineData("kind: vec2seq\ninput: { shape: [4] }\noutput: { shape: [2, 3] }\nlayers:\n  - dense: { units: 4, activation: softmax }\ndecoder:\n  cell: gru\n  units: 4\n  head: [ { dense: { units: 3, activation: softmax } } ]", null)]
    public void TheOnnxMetadataNamesProbabilitiesOnlyWhenTheLastLayerMakesThem(string body, string? kind)
    {
        var graph = NetSpec.Body(NetSpec.Generate(body), " ToOnnx(");

        graph.Where(l => l.Contains("OnnxMetadataKeys.OutputKind", System.StringComparison.Ordinal))
            .ShouldBe(kind is null ? [] : [$"onnx.SetMetadata(OnnxMetadataKeys.OutputKind, \"{kind}\");"]);
    }
}
