using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>
/// The edges of the shape rules: a total parameter count beyond a 64-bit integer though each layer fits, a kernel
/// that only fits with padding, padding given for the wrong number of axes, causal padding on a fixed length, a
/// decoder whose state is a sequence, and a decoder sized by an option.
/// </summary>
public sealed class LayerLimitTests
{
    [Theory]
    // Each conv3d has 2^24 · 2^24 · (16 · 32 · 32) + 2^24 = 2^62 + 2^24 parameters; two of them pass 2^63 − 1.
    [InlineData("input: { shape: [16777216, 16, 32, 32] }\nlayers:\n  - conv3d: { filters: 16777216, kernel: [16, 32, 32] }\n  - conv3d: { filters: 16777216, kernel: [16, 32, 32], padding: [8, 16, 16] }", "Net.model.yaml(1,8): error QD0112: Model 'Net': the total parameter count is beyond 9,223,372,036,854,775,807, the largest size libtorch accepts; use smaller sizes")]
    // 3 steps + 1 + 1 padding = 5 < 6.
    [InlineData("input: { shape: [3, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: 6, padding: 1 }", "Net.model.yaml(4,35): error QD0102: Layer 'conv1d_0': kernel 6 is larger than the input length 3 (5 padded) on axis 'time'; use a smaller kernel or padding: same")]
    [InlineData("input: { shape: [1, 8, 8] }\nlayers:\n  - conv2d: { filters: 2, kernel: 3, padding: [1, 2, 3] }", "Net.model.yaml(4,47): error QD0008: 'conv2d.padding' has invalid value '[1, 2, 3]': give one value or 2 (one per spatial axis)")]
    [InlineData("input: { shape: [1, 8, 8] }\nlayers:\n  - maxpool: { size: 2, stride: [1, 1, 1] }", "Net.model.yaml(4,33): error QD0008: 'maxpool.stride' has invalid value '[1, 1, 1]': give one value or 2 (one per spatial axis)")]
    // The decoder starts from a vector state; a sequence [time, 3] is not one.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 2] }\noutput: { shape: [4, 1] }\nlayers:\n  - gru: { units: 3, return_sequences: true }\ndecoder:\n  cell: gru\n  units: 3\n  head: [ { dense: { units: 1 } } ]", "Net.model.yaml(8,3): error QD0109: The decoder's gru needs an initial state of 3 features but the encoder layers output [time, 3]; end the encoder with a vector of 3 features: 'return_sequences: false' on its last recurrent layer, or a global_maxpool / global_avgpool layer")]
    public void LimitsAreOneLocatedDiagnostic(string body, string expected)
    {
        GeneratorRun run = NetSpec.Run(body);

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe([expected]);
    }

    [Fact]
    public void CausalPaddingKeepsAFixedLength()
    {
        // All dilation · (kernel − 1) = 2 padding steps go before the first: 5 steps stay 5; 2 · 3 · 3 + 3 = 21.
        GeneratorRun run = NetSpec.Generate("input: { shape: [5, 2] }\nlayers:\n  - conv1d: { filters: 3, kernel: 3, padding: causal }");

        NetSpec.Rows(run).ShouldBe(["conv1d_0 (Conv1d) | [B, 5, 3] | 21"]);
        NetSpec.Body(run, " forward(").ShouldContain("x = nn.functional.pad(x, new long[] { 2, 0 });");
    }

    [Fact]
    public void ADecoderSizedByAnOptionUsesItInTheModule()
    {
        // gru 3·4·(2+4+2) = 96; decoder gru on the 1 fed-back feature 3·4·(1+4+2) = 84; head 4·1+1 = 5.
        GeneratorRun run = NetSpec.Generate("kind: seq2seq\noptions: { hidden: 4 }\ninput: { shape: [time, 2] }\noutput: { shape: [3, 1] }\nlayers:\n  - gru: { units: $hidden }\ndecoder:\n  cell: gru\n  units: $hidden\n  head: [ { dense: { units: 1 } } ]");

        NetSpec.Rows(run).ShouldBe(["gru_0 (GRU) | [B, 4] | 96", "decoder (GRU x 3 steps) | [B, 3, 4] | 84", "dense_0 (Linear) | [B, 3, 1] | 5"]);
        NetSpec.Total(run).ShouldBe("185");
        NetSpec.Constructions(run).ShouldContain("Decoder__ = global::TorchSharp.torch.nn.GRU(1, options.Hidden, numLayers: 1, batchFirst: true);");
    }
}
