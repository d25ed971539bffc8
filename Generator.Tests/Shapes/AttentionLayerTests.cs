using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>
/// <c>attention</c> as a user meets it in the generator: the summary row (parameter count 4·F·(F + 1) worked out in the
/// comment above each case: in_proj [3F, F] + [3F], out_proj [F, F] + [F]), the field's construction, the forward and
/// ONNX steps with and without <c>causal</c>, and the located diagnostic of each mistake with its suggested fix.
/// </summary>
public sealed class AttentionLayerTests
{
    [Theory]
    // F = 6: 4·6·7 = 168; no dropout argument at the default.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 6] }\nlayers:\n  - attention: { heads: 2 }",
        "attention_0 (MultiheadAttention) | [B, time, 6] | 168", "168",
        "__attention_0 = global::TorchSharp.torch.nn.MultiheadAttention(6, 2);")]
    // F = 8, one head per feature pair of four: 4·8·9 = 288; dropout on the attention weights is passed on.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 8] }\nlayers:\n  - attention: { heads: 4, dropout: 0.25, causal: true, name: look }",
        "look (MultiheadAttention) | [B, time, 8] | 288", "288",
        "__look = global::TorchSharp.torch.nn.MultiheadAttention(8, 4, dropout: 0.25);")]
    // The width from an option: the construction reads it, the count uses its default (10: 4·10·11 = 440, after the
    // dense 3·10 + 10 = 40).
    [InlineData("kind: seq2seq\noptions: { width: 10 }\ninput: { shape: [time, 3] }\nlayers:\n  - time_distributed: { dense: { units: $width } }\n  - attention: { heads: 5 }",
        "dense_0 (TimeDistributed(Linear)) | [B, time, 10] | 40\nattention_0 (MultiheadAttention) | [B, time, 10] | 440", "480",
        "__dense_0 = global::TorchSharp.torch.nn.Linear(3, options.Width);\n__attention_0 = global::TorchSharp.torch.nn.MultiheadAttention(options.Width, 5);")]
    public void LayerHasItsRowCountAndField(string body, string rows, string total, string constructions)
    {
        GeneratorRun run = NetSpec.Generate(body);

        NetSpec.Rows(run).ShouldBe(rows.Split('\n'));
        NetSpec.Total(run).ShouldBe(total);
        NetSpec.Constructions(run).ShouldBe(constructions.Split('\n'));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(", causal: false", "")]
    [InlineData(", causal: true", ", causal: true")]
    public void ForwardAndOnnxPassTheLengthsAndTheCausalFlag(string causal, string flag)
    {
        GeneratorRun run = NetSpec.Generate($"kind: seq2seq\ninput: {{ shape: [time, 4] }}\nlayers:\n  - attention: {{ heads: 2{causal} }}");

        NetSpec.Body(run, " forward(").Where(l => l.Contains("attention", System.StringComparison.Ordinal)).ShouldBe(
        [
            $"x = SequenceOps.SelfAttention(__attention_0, x, lengths{flag}); // [B, time, 4]",
        ]);
        NetSpec.Body(run, " ToOnnx(").Where(l => l.Contains("SelfAttention", System.StringComparison.Ordinal)).ShouldBe(
        [
            $"x = onnx.SelfAttention(this.__attention_0, x, heads: 2, lengths{flag}); // [B, time, 4]",
        ]);
    }

    [Fact]
    public void WithoutATimeAxisThereAreNoLengthsAndALaterConvolutionMasksTheAttendedPadding()
    {
        GeneratorRun fixedTime = NetSpec.Generate("kind: seq2seq\ninput: { shape: [5, 4] }\nlayers:\n  - attention: { heads: 2 }");
        NetSpec.Body(fixedTime, " ToOnnx(").Where(l => l.Contains("SelfAttention", System.StringComparison.Ordinal)).ShouldBe(
        [
            "x = onnx.SelfAttention(this.__attention_0, x, heads: 2); // [B, 5, 4]",
        ]);

        // The padded steps of attention's output hold attention over the valid ones: a convolution after it masks them.
        GeneratorRun run = NetSpec.Generate("kind: seq2seq\ninput: { shape: [time, 4] }\nlayers:\n  - attention: { heads: 2 }\n  - conv1d: { filters: 4, kernel: 3, padding: same }");
        NetSpec.Body(run, " forward(").ShouldBe(
        [
            "var x = input; // [B, time, 4]",
            "x = SequenceOps.SelfAttention(__attention_0, x, lengths); // [B, time, 4]",
            "x = x.transpose(1, 2); // [B, 4, time]",
            "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);",
            "x = __conv1d_0.forward(x); // [B, 4, time]",
            "x = x.transpose(1, 2); // [B, time, 4]",
            "return x;",
        ]);
    }

    [Theory]
    // The suggestion is the largest divisor of the features not above the heads asked for.
    [InlineData("input: { shape: [time, 6] }\nlayers:\n  - attention: { heads: 4 }\n  - global_avgpool: {}",
        "(4,25): error QD0113: Layer 'attention_0' (attention) cannot split 6 features into 4 heads; use a number of heads that divides 6 (e.g. 3)")]
    [InlineData("input: { shape: [time, 8] }\nlayers:\n  - attention: { heads: 5 }\n  - global_avgpool: {}",
        "(4,25): error QD0113: Layer 'attention_0' (attention) cannot split 8 features into 5 heads; use a number of heads that divides 8 (e.g. 4)")]
    [InlineData("input: { shape: [time, 7] }\nlayers:\n  - attention: { heads: 3 }\n  - global_avgpool: {}",
        "(4,25): error QD0113: Layer 'attention_0' (attention) cannot split 7 features into 3 heads; use a number of heads that divides 7 (e.g. 1)")]
    // A recurrent layer's last state gets the return_sequences hint; any other vector does not.
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - gru: { units: 4 }\n  - attention: { heads: 2 }",
        "(5,5): error QD0107: Layer 'attention_0' (attention) expects a sequence [time, features] but gets [4]; set return_sequences: true on 'gru_0'")]
    [InlineData("input: { shape: [6] }\nlayers:\n  - attention: { heads: 2 }",
        "(4,5): error QD0107: Layer 'attention_0' (attention) expects a sequence [time, features] but gets [6]\n")]
    [InlineData("input: { shape: [2, 4, 4] }\nlayers:\n  - attention: { heads: 2 }",
        "(4,5): error QD0107: Layer 'attention_0' (attention) expects a sequence [time, features] but gets [2, 4, 4]\n")]
    [InlineData("input: { shape: [time, 4] }\nlayers:\n  - attention: { causal: true }",
        "(4,5): error QD0003: layer 'attention' is missing required field 'heads'")]
    public void MistakeIsOneLocatedDiagnostic(string body, string message)
    {
        GeneratorRun run = NetSpec.Run(body);

        run.Sources.ShouldBeEmpty();
        string[] messages = run.Messages.ToArray();
        messages.Length.ShouldBe(1, string.Join("\n", messages));
        (messages[0] + "\n").ShouldContain(message, Case.Sensitive);
    }
}
