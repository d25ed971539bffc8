using System.Globalization;
using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>conv1d's causal padding and explicit integer padding: output lengths, the generated padding, and the errors for misuse.</summary>
public sealed class ConvPaddingTests
{
    private static string Sequence(string conv, string output = "[3]") => $$"""
        model: Padded
        namespace: App
        kind: seq2vec
        input:  { name: x, shape: [time, 2] }
        output: { name: y, shape: {{output}} }
        layers:
          - conv1d: {{conv}}
          - global_maxpool: {}
          - dense:  { units: 3 }
        """;

    private static string Image(string conv) => $$"""
        model: Padded
        namespace: App
        input:  { name: x, shape: [1, 8, 8] }
        layers:
          - conv2d: {{conv}}
          - flatten: {}
        """;

    [Fact]
    public void CausalPaddingKeepsTheLengthAndPadsOnlyThePast()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Padded.model.yaml", Sequence("{ filters: 4, kernel: 3, dilation: 2, padding: causal }")));

        run.Diagnostics.ShouldBeEmpty();
        string module = run.Sources["App.Padded.g.cs"];

        // dilation 2 x (kernel 3 - 1) = 4 zeros before the first step, none after the last; the length is unchanged.
        module.ShouldContain("x = global::TorchSharp.torch.nn.functional.pad(x, new long[] { 4, 0 });");
        module.ShouldContain("[B, 4, time]");
        module.ShouldNotContain("WindowLengths");
        module.ShouldContain("x = onnx.Conv(this.__conv1d_0, x, new long[] { 4, 0 });");
    }

    [Fact]
    public void StridedCausalPaddingCountsEveryStepThatEndsAWindow()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Padded.model.yaml", Sequence("{ filters: 4, kernel: 5, stride: 2, padding: causal }")));

        run.Diagnostics.ShouldBeEmpty();
        string module = run.Sources["App.Padded.g.cs"];

        // Windows end at steps 0, 2, 4, ...: floor((L - 1) / 2) + 1 = ceil(L / 2) of them; lengths follow.
        module.ShouldContain("[B, 4, ceil(time/2)]");
        module.ShouldContain("lengths = global::QuickDrawDsl.Runtime.Models.SequenceOps.WindowLengths(lengths, kernel: 5, stride: 2, padding: 4);");
    }

    [Fact]
    public void IntegerPaddingPadsBothSidesOfEveryAxis()
    {
        GeneratorRun sequence = GeneratorRun.Of(("/src/Padded.model.yaml", Sequence("{ filters: 4, kernel: 3, padding: 2 }")));
        sequence.Diagnostics.ShouldBeEmpty();
        string module = sequence.Sources["App.Padded.g.cs"];
        module.ShouldContain("global::TorchSharp.torch.nn.Conv1d(2, 4, 3, padding: 2)");
        module.ShouldContain("[B, 4, time+2]");
        module.ShouldContain("new long[] { 2, 2 }");

        // One value per axis: height 8 + 2 - 3 + 1 = 8, width 8 + 6 - 3 + 1 = 12.
        GeneratorRun image = GeneratorRun.Of(("/src/Padded.model.yaml", Image("{ filters: 2, kernel: 3, padding: [1, 3] }")));
        image.Diagnostics.ShouldBeEmpty();
        string imageModule = image.Sources["App.Padded.g.cs"];
        imageModule.ShouldContain("global::TorchSharp.torch.nn.Conv2d(1, 2, (3, 3), padding: (1, 3))");
        imageModule.ShouldContain("[B, 2, 8, 12]");
        imageModule.ShouldContain("ParameterCount = 20;");
    }

    [Theory]
    [InlineData("{ filters: 2, kernel: 3, padding: causal }", "QD0008", "causal padding is for conv1d over time")]
    [InlineData("{ filters: 2, kernel: 3, padding: -1 }", "QD0008", "must be a whole number from 0 to 16777216")]
    [InlineData("{ filters: 2, kernel: 3, padding: [1, 2, 3] }", "QD0008", "give one value or 2 (one per spatial axis)")]
    [InlineData("{ filters: 2, kernel: 3, padding: sme }", "QD0008", "did you mean 'same'?")]
    [InlineData("{ filters: 2, kernel: 3, padding: 1.5 }", "QD0008", "valid, same, or a whole number from 0")]
    [InlineData("{ filters: 2, kernel: 11, padding: 1 }", "QD0102", "larger than the input length 8 (10 padded) on axis 'height'")]
    public void MisusedPaddingIsALocatedError(string conv, string id, string message)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Padded.model.yaml", Image(conv)));

        run.Diagnostics.Select(d => d.Id).ShouldBe([id], string.Join('\n', run.Messages));
        run.Diagnostics[0].GetMessage(CultureInfo.InvariantCulture).ShouldContain(message);
        run.Diagnostics[0].Location.GetLineSpan().StartLinePosition.Line.ShouldBe(4);
    }
}
