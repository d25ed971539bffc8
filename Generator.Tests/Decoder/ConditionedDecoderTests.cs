using System.IO;
using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using static QuickDrawDsl.Generator.Tests.Infrastructure.NetSpec;

namespace QuickDrawDsl.Generator.Tests.Decoder;

/// <summary>
/// <c>decoder: { condition: true }</c>: the encoder's vector is concatenated after the previous step's output at every
/// decoder step, in the counted parameters, the module's construction, both forwards and the ONNX graph.
/// </summary>
public sealed class ConditionedDecoderTests
{
    private const string Spec = """
        kind: vec2seq
        input: { shape: [4] }
        output: { shape: [6, 3] }
        layers:
          - dense: { units: 5, activation: tanh }
        decoder:
          cell: gru
          units: 5
          num_layers: 2
          condition: true
          head:
            - dense: { units: 3 }
        """;

    [Fact]
    public void TheFirstCellLayerCountsTheEncodersVectorAsInput()
    {
        GeneratorRun run = Generate(Spec);

        // Layer 0 reads 3 fed-back + 5 conditioning features: 3·5·(8+5+2) = 225; layer 1 3·5·(5+5+2) = 180.
        Rows(run).ShouldBe(
        [
            "dense_0 (Linear) | [B, 5] | 25",
            "decoder (GRU x 6 steps, conditioned) | [B, 6, 5] | 405",
            "dense_1 (Linear) | [B, 6, 3] | 18",
        ]);
        Total(run).ShouldBe("448");
        Constructions(run).ShouldContain("Decoder__ = global::TorchSharp.torch.nn.GRU(8, 5, numLayers: 2, batchFirst: true);");
        run.CompileProblems().ShouldBeEmpty();
    }

    [Fact]
    public void WithoutConditionTheDecoderIsUnchanged()
    {
        GeneratorRun conditioned = Generate(Spec);
        GeneratorRun plain = Generate(Spec.Replace("  condition: true\n", string.Empty));
        GeneratorRun off = Generate(Spec.Replace("condition: true", "condition: false"));

        // 3·5·(3+5+2) + 180 = 330: only the first layer's input weights differ.
        Rows(plain)[1].ShouldBe("decoder (GRU x 6 steps) | [B, 6, 5] | 330");
        Module(off).ShouldBe(Module(plain));
        Module(plain).ShouldNotContain("condition");
        Module(conditioned).ShouldContain("condition");
    }

    [Fact]
    public void BothForwardsAndTheOnnxGraphFeedTheEncodersVectorToEveryStep()
    {
        string module = Module(Generate(Spec));
        string[] lines = module.Split('\n').Select(l => l.Trim()).ToArray();

        lines.ShouldContain(l => l.StartsWith("var condition = state.unsqueeze(1);", System.StringComparison.Ordinal) && l.EndsWith("// [B, 1, 5]", System.StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("inputs = global::TorchSharp.torch.cat(new[] { inputs, condition.expand(-1, 6, -1) }, 2);", System.StringComparison.Ordinal) && l.EndsWith("// [B, 6, 3 + 5]", System.StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("var input = global::TorchSharp.torch.cat(new[] { step, condition }, 2);", System.StringComparison.Ordinal) && l.EndsWith("// [B, 1, 3 + 5]", System.StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("(var y, h) = Decoder__.call(input, h);", System.StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("var condition = onnx.Unsqueeze(x, 1);", System.StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("var input = onnx.Concat(2, step, condition);", System.StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("var decoded = onnx.Gru(this.Decoder__, input, batchFirst: true, h0: h);", System.StringComparison.Ordinal));
    }

    [Fact]
    public void AnLstmDecoderSizedByAnOptionIsWiderByThatOption()
    {
        GeneratorRun run = Generate("kind: seq2seq\noptions: { hidden: 4 }\ninput: { shape: [time, 2] }\noutput: { shape: [3, 1] }\nlayers:\n  - lstm: { units: $hidden }\ndecoder:\n  cell: lstm\n  units: $hidden\n  condition: true\n  head: [ { dense: { units: 1 } } ]");

        // lstm 4·4·(2+4+2) = 128; decoder on 1 fed-back + 4 conditioning features 4·4·(5+4+2) = 176; head 4·1+1 = 5.
        Rows(run).ShouldBe(["lstm_0 (LSTM) | [B, 4] | 128", "decoder (LSTM x 3 steps, conditioned) | [B, 3, 4] | 176", "dense_0 (Linear) | [B, 3, 1] | 5"]);
        Constructions(run).ShouldContain("Decoder__ = global::TorchSharp.torch.nn.LSTM(1 + options.Hidden, options.Hidden, numLayers: 1, batchFirst: true);");
        run.CompileProblems().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("condition: yes", "Net.model.yaml(11,14): error QD0004: 'decoder.condition' must be true or false, but is 'yes'")]
    [InlineData("condition: $wide", "Net.model.yaml(11,14): error QD0008: 'decoder.condition' has invalid value '$wide': only sizes (units, filters, dim) and rates can refer to options; write a literal here")]
    [InlineData("conditioned: true", "Net.model.yaml(11,3): error QD0002: Unknown key 'conditioned' in 'decoder'; did you mean 'condition'?")]
    public void MisuseIsALocatedDiagnostic(string line, string expected)
    {
        GeneratorRun run = Run(Spec.Replace("condition: true", line));

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe([expected]);
    }

    [Fact]
    public void TheAttributeFormTakesConditionAsOneMoreParameter()
    {
        const string source = """
            namespace App
            {
                [QuickDrawDsl.Model(QuickDrawDsl.ModelKind.Vec2Seq)]
                [QuickDrawDsl.ModelInput("x", 4)]
                [QuickDrawDsl.ModelOutput("y", 6, 3)]
                [QuickDrawDsl.Layer("dense", "units: 5, activation: tanh")]
                [QuickDrawDsl.Decoder("cell: gru, units: 5, num_layers: 2, condition: true")]
                [QuickDrawDsl.DecoderLayer("dense", "units: 3")]
                public partial class Net { }
            }
            """;
        string[] attributes = Directory.GetFiles(Path.Combine(RepoFiles.Root(), "Runtime", "Attributes"), "*.cs").OrderBy(f => f, System.StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        GeneratorRun run = GeneratorRun.Of([source, .. attributes]);

        run.Messages.ShouldBeEmpty();
        Rows(run)[1].ShouldBe("decoder (GRU x 6 steps, conditioned) | [B, 6, 5] | 405");
        Constructions(run).ShouldContain("Decoder__ = global::TorchSharp.torch.nn.GRU(8, 5, numLayers: 2, batchFirst: true);");

        GeneratorRun wrong = GeneratorRun.Of([source.Replace("condition: true", "condition: 1"), .. attributes]);
        wrong.Sources.ShouldBeEmpty();
        wrong.Messages.ShouldHaveSingleItem().ShouldStartWith("Source0.cs(7,6): error QD0004: 'decoder.condition' must be true or false, but is '1'");
    }
}
