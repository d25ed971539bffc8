using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>
/// Shape inference as a user sees it: spec text in, the generated summary table (every layer's output shape and
/// parameter count, worked out by hand in each case) and constructor arguments or the diagnostic out. One case per
/// parameter that changes a shape, a count or a constructor: a spec that sets it must read differently from one that
/// leaves the default.
/// </summary>
public sealed class LayerTableTests
{
    [Theory]
    // bias: the weights alone (in · out, in · out · kernel) without it.
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 3 }", "dense_0 (Linear) | [B, 3] | 15", "Linear(4, 3)")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 3, bias: false }", "dense_0 (Linear) | [B, 3] | 12", "Linear(4, 3, hasBias: false)")]
    [InlineData("input: { shape: [10, 3] }\nlayers:\n  - conv1d: { filters: 5, kernel: 3 }", "conv1d_0 (Conv1d) | [B, 8, 5] | 50", "Conv1d(3, 5, 3")]
    [InlineData("input: { shape: [10, 3] }\nlayers:\n  - conv1d: { filters: 5, kernel: 3, bias: false }", "conv1d_0 (Conv1d) | [B, 8, 5] | 45", "bias: false")]
    [InlineData("input: { shape: [1, 8, 8] }\nlayers:\n  - conv2d: { filters: 2, kernel: 3, bias: false }", "conv2d_0 (Conv2d) | [B, 2, 6, 6] | 18", "bias: false")]
    [InlineData("input: { shape: [2, 4, 6, 6] }\nlayers:\n  - conv3d: { filters: 3, kernel: [2, 3, 3], stride: [1, 2, 2] }", "conv3d_0 (Conv3d) | [B, 3, 3, 2, 2] | 111", "Conv3d(")]
    // dilation widens the window: 10 - 2·(3 − 1) = 6 steps; same keeps 10 however wide.
    [InlineData("input: { shape: [10, 3] }\nlayers:\n  - conv1d: { filters: 2, kernel: 3, dilation: 2 }", "conv1d_0 (Conv1d) | [B, 6, 2] | 20", "dilation: 2")]
    [InlineData("input: { shape: [10, 3] }\nlayers:\n  - conv1d: { filters: 2, kernel: 4, dilation: 2, padding: same }", "conv1d_0 (Conv1d) | [B, 10, 2] | 26", "Conv1d(")]
    [InlineData("input: { shape: [10, 3] }\nlayers:\n  - conv1d: { filters: 2, kernel: 3, stride: 2, padding: same }", "conv1d_0 (Conv1d) | [B, 5, 2] | 20", "stride: 2")]
    // eps and momentum from the spec reach the constructor; the defaults are left out.
    [InlineData("input: { shape: [4] }\nlayers:\n  - batchnorm: {}", "batchnorm_0 (BatchNorm1d) | [B, 4] | 8", "BatchNorm1d(4)")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - batchnorm: { eps: 0.001 }", "batchnorm_0 (BatchNorm1d) | [B, 4] | 8", "BatchNorm1d(4, eps: 0.001)")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - batchnorm: { momentum: 0.01 }", "batchnorm_0 (BatchNorm1d) | [B, 4] | 8", "BatchNorm1d(4, momentum: 0.01)")]
    [InlineData("input: { shape: [3, 5, 5] }\nlayers:\n  - batchnorm: { eps: 0.002, momentum: 0.3 }", "batchnorm_0 (BatchNorm2d) | [B, 3, 5, 5] | 6", "BatchNorm2d(3, eps: 0.002, momentum: 0.3)")]
    [InlineData("input: { shape: [6] }\nlayers:\n  - layernorm: {}", "layernorm_0 (LayerNorm) | [B, 6] | 12", "LayerNorm(6)")]
    [InlineData("input: { shape: [6] }\nlayers:\n  - layernorm: { eps: 0.0001 }", "layernorm_0 (LayerNorm) | [B, 6] | 12", "LayerNorm(6, eps: 0.0001)")]
    // pooling: valid drops the incomplete window (floor), same keeps it (ceil, ceil_mode); stride defaults to size.
    [InlineData("input: { shape: [7, 3] }\nlayers:\n  - maxpool: { size: 2 }", "maxpool_0 (MaxPool1d) | [B, 3, 3] | 0", "MaxPool1d(2)")]
    [InlineData("input: { shape: [7, 3] }\nlayers:\n  - maxpool: { size: 2, padding: same }", "maxpool_0 (MaxPool1d) | [B, 4, 3] | 0", "ceil")]
    [InlineData("input: { shape: [7, 3] }\nlayers:\n  - maxpool: { size: 8, padding: same }", "maxpool_0 (MaxPool1d) | [B, 1, 3] | 0", "ceil")]
    [InlineData("input: { shape: [7, 3] }\nlayers:\n  - avgpool: { size: 3, stride: 1 }", "avgpool_0 (AvgPool1d) | [B, 5, 3] | 0", "AvgPool1d(")]
    [InlineData("input: { shape: [1, 7, 9] }\nlayers:\n  - maxpool: { size: 2, padding: same }", "maxpool_0 (MaxPool2d) | [B, 1, 4, 5] | 0", "ceil")]
    [InlineData("input: { shape: [1, 7, 9] }\nlayers:\n  - avgpool: { size: [3, 2] }", "avgpool_0 (AvgPool2d) | [B, 1, 2, 4] | 0", "AvgPool2d(")]
    [InlineData("input: { shape: [2, 5, 7, 9] }\nlayers:\n  - maxpool: { size: [1, 2, 2], padding: same }", "maxpool_0 (MaxPool3d) | [B, 2, 5, 4, 5] | 0", "ceil")]
    // recurrent: gates · h · (in + h + 2) per direction and layer (PyTorch's two biases).
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - lstm: { units: 4 }", "lstm_0 (LSTM) | [B, 4] | 144", "LSTM(3, 4")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - gru: { units: 4, bidirectional: true }", "gru_0 (GRU) | [B, 8] | 216", "bidirectional: true")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - rnn: { units: 4, num_layers: 2, return_sequences: true }", "rnn_0 (RNN) | [B, time, 4] | 76", "numLayers: 2")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - lstm: { units: 2, num_layers: 2, bidirectional: true }", "lstm_0 (LSTM) | [B, 4] | 240", "bidirectional: true")]
    public void EachParameterShowsInTheShapeTheCountOrTheConstructor(string body, string row, string constructor)
    {
        GeneratorRun run = Generate(body);
        Rows(run).ShouldContain(row);
        Module(run).ShouldContain(constructor);
    }

    [Fact]
    public void BiasFalseIsLeftOutOfTheConvolutionAndTheDefaultIsNot()
    {
        string with = Module(Generate("input: { shape: [10, 3] }\nlayers:\n  - conv1d: { filters: 5, kernel: 3 }"));
        with.ShouldNotContain("bias: false");
        string without = Module(Generate("input: { shape: [10, 3] }\nlayers:\n  - conv1d: { filters: 5, kernel: 3, bias: false }"));
        without.ShouldContain("bias: false");
    }

    [Fact]
    public void TheSettingsBuildAModuleWithTheComputedCountAndShapes()
    {
        // Every non-default setting at once, built by TorchSharp: its parameters and its output must be what the table says.
        const string body = """
            input: { shape: [9, 3] }
            layers:
              - conv1d: { filters: 4, kernel: 2, bias: false }
              - batchnorm: { eps: 0.001, momentum: 0.3 }
              - maxpool: { size: 3, padding: same }
              - flatten: {}
              - layernorm: { eps: 0.0001 }
              - dense: { units: 2, bias: false }
            """;
        GeneratorRun run = Generate(body);
        // conv 3·4·2 = 24 (no bias), [8, 4]; batchnorm 2·4 = 8; pool ceil(8/3) = 3 → [3, 4]; flatten 12; layernorm 24; dense 12·2 = 24.
        Rows(run).Select(r => r.Split(" | ")[1] + " " + r.Split(" | ")[2]).ShouldBe(["[B, 8, 4] 24", "[B, 8, 4] 8", "[B, 3, 4] 0", "[B, 12] 0", "[B, 12] 24", "[B, 2] 24"]);
        Total(run).ShouldBe("80");

        CompiledModels.Use(CompiledModels.Compile(run), types =>
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            using var model = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)System.Activator.CreateInstance(types.Single())!;
            model.parameters().Sum(p => p.numel()).ShouldBe(80);
            model.named_parameters().Select(p => p.name).ShouldNotContain(n => n.Contains("conv1d", System.StringComparison.Ordinal) && n.EndsWith("bias", System.StringComparison.Ordinal));
            model.eval();
            model.call(TorchSharp.torch.ones(2, 9, 3)).shape.ShouldBe([2L, 2L]);
        });
    }

    [Fact]
    public void ValidPoolingHasNoCeilModeAndSamePoolingHasIt()
    {
        Module(Generate("input: { shape: [7, 3] }\nlayers:\n  - maxpool: { size: 2 }")).ShouldNotContain("ceil");
        Module(Generate("input: { shape: [7, 3] }\nlayers:\n  - maxpool: { size: 2, padding: same }")).ShouldContain("ceil");
    }

    [Fact]
    public void ADecoderHeadOfTwoLayersHasARowPerLayerAtEveryStep()
    {
        const string body = """
            kind: seq2seq
            input: { shape: [time, 2] }
            output: { shape: [5, 3] }
            layers:
              - gru: { units: 6 }
            decoder:
              cell: gru
              units: 6
              head:
                - dense: { units: 4, activation: relu }
                - dense: { units: 3 }
            """;
        GeneratorRun run = Generate(body);
        // gru 3·6·(2+6+2) = 180; decoder gru on the head's 3 outputs fed back: 3·6·(3+6+2) = 198; heads 6·4+4 = 28, 4·3+3 = 15.
        Rows(run).ShouldBe(
        [
            "gru_0 (GRU) | [B, 6] | 180",
            "decoder (GRU x 5 steps) | [B, 5, 6] | 198",
            "dense_0 (Linear) | [B, 5, 4] | 28",
            "dense_1 (Linear) | [B, 5, 3] | 15",
        ]);
        Total(run).ShouldBe("421");
    }

    [Fact]
    public void DecoderStepsComeFromTheSpecBeforeTheOutputShape()
    {
        const string body = """
            kind: vec2seq
            input: { shape: [4] }
            layers:
              - dense: { units: 5 }
            decoder:
              cell: rnn
              units: 5
              steps: 9
              head:
                - dense: { units: 2 }
            """;
        // rnn cell on the 2 fed-back features: 5·(2+5+2) = 45.
        Rows(Generate(body)).ShouldBe(
        [
            "dense_0 (Linear) | [B, 5] | 25",
            "decoder (RNN x 9 steps) | [B, 9, 5] | 45",
            "dense_1 (Linear) | [B, 9, 2] | 12",
        ]);
    }

    [Theory]
    [InlineData("input: { shape: [4, time] }\nlayers:\n  - dense: { units: 2 }", "Net.model.yaml(2,17): error QD0008: 'input.shape' has invalid value 'time': only the first axis (time) may be dynamic; give the other axes fixed sizes")]
    [InlineData("input: { shape: [time, 1, 8, 8] }\nlayers:\n  - conv2d: { filters: 2, kernel: 3 }", "Net.model.yaml(2,17): error QD0008: 'input.shape' has invalid value '[time, 1, 8, 8]': a dynamic first axis means a sequence; a sequence of images or clips must start with time_distributed")]
    [InlineData("input: { shape: [3, 5] }\nlayers:\n  - maxpool: { size: 4 }", "Net.model.yaml(4,22): error QD0102: Layer 'maxpool_0': kernel 4 is larger than the input length 3 on axis 'time'; use a smaller kernel or padding: same")]
    [InlineData("input: { shape: [7, 3] }\nlayers:\n  - maxpool: { size: 2, stride: 1, padding: same }", "Net.model.yaml(4,45): error QD0008: 'maxpool.padding' has invalid value 'same': pooling with padding: same needs stride equal to size; drop stride or use padding: valid")]
    [InlineData("input: { shape: [1, 3, 8] }\nlayers:\n  - avgpool: { size: [4, 2] }", "Net.model.yaml(4,22): error QD0102: Layer 'avgpool_0': kernel 4 is larger than the input length 3 on axis 'height'; use a smaller kernel or padding: same")]
    [InlineData("input: { shape: [5, 3] }\nlayers:\n  - conv1d: { filters: 2, kernel: 3, dilation: 3 }", "Net.model.yaml(4,35): error QD0102: Layer 'conv1d_0': kernel 7 is larger than the input length 5 on axis 'time'; use a smaller kernel or padding: same")]
    public void MistakesAreLocatedDiagnostics(string body, string expected)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\n" + body + "\n"));
        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldHaveSingleItem().ShouldBe(expected);
    }

    [Theory]
    [InlineData("steps: 0", "Net.model.yaml(9,10): error QD0008: 'decoder.steps' has invalid value '0': must be a whole number from 1 to 16777216")]
    [InlineData("steps: -2", "Net.model.yaml(9,10): error QD0008: 'decoder.steps' has invalid value '-2': must be a whole number from 1 to 16777216")]
    [InlineData("num_layers: 1", "Net.model.yaml(7,3): error QD0105: Model 'Net' is vec2seq but no output length is known; give output.shape a fixed first dimension (e.g. [7, 1]), repeat_vector.n, or decoder.steps")]
    public void ADecoderWithoutAPositiveLengthIsRefused(string steps, string expected)
    {
        string body = $"kind: vec2seq\ninput: {{ shape: [4] }}\nlayers:\n  - dense: {{ units: 5 }}\ndecoder:\n  cell: gru\n  units: 5\n  {steps}\n  head:\n    - dense: {{ units: 2 }}\n";
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\n" + body));
        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldHaveSingleItem().ShouldBe(expected);
    }

    private static GeneratorRun Generate(string body)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\n" + body + "\n"));
        run.Messages.ShouldBeEmpty();
        return run;
    }

    private static string Module(GeneratorRun run) => run.Sources.Single(s => s.Key.EndsWith(".Net.g.cs", System.StringComparison.Ordinal)).Value;

    /// <summary>The summary table's rows as "name (type) | shape | count".</summary>
    private static List<string> Rows(GeneratorRun run)
    {
        string[] lines = Module(run).Split('\n');
        int header = System.Array.FindIndex(lines, l => l.StartsWith("/// Layer (type)", System.StringComparison.Ordinal));
        var rows = new List<string>();
        for (int i = header + 2; !lines[i].StartsWith("/// ====", System.StringComparison.Ordinal); i++)
        {
            rows.Add(string.Join(" | ", Regex.Split(lines[i][4..].Trim(), @"\s{2,}")));
        }

        return rows;
    }

    private static string Total(GeneratorRun run) =>
        Module(run).Split('\n').First(l => l.StartsWith("/// Total params: ", System.StringComparison.Ordinal))["/// Total params: ".Length..];
}
