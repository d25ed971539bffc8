using System;
using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>
/// <c>dropout</c> as a user meets it in the generator: no parameters and the input's shape in the summary; its rate
/// becomes a documented property of the options record with the spec's value (0.5 when left out), unless the rate
/// names an option of the spec, which the layer then reads instead of a property of its own.
/// </summary>
public sealed class DropoutLayerTests
{
    [Theory]
    [InlineData("", "0.5")]
    [InlineData(", rate: 0.25", "0.25")]
    public void ItsRateIsAnOptionsPropertyWithTheSpecsValue(string rate, string value)
    {
        GeneratorRun run = NetSpec.Generate($"kind: seq2vec\ninput: {{ shape: [time, 6] }}\nlayers:\n  - gru: {{ units: 4 }}\n  - dropout: {{ name: drop{rate} }}\n  - dense: {{ units: 2 }}");

        NetSpec.Rows(run)[1].ShouldBe("drop (Dropout) | [B, 4] | 0");
        NetSpec.Constructions(run).ShouldContain("__drop = global::TorchSharp.torch.nn.Dropout(options.DropRate);");
        string[] options = NetSpec.Options(run).Split('\n').Select(l => l.Trim()).ToArray();
        options.ShouldContain($"/// <summary>Drop probability of layer 'drop' (default {value}).</summary>");
        options.ShouldContain($"public double DropRate {{ get; init; }} = {value};");
        NetSpec.Body(run, " forward(").ShouldContain(l => l.StartsWith("x = __drop.forward(x);", StringComparison.Ordinal));
    }

    [Fact]
    public void ARateThatNamesAnOptionIsReadFromItAndAddsNoPropertyOfItsOwn()
    {
        GeneratorRun run = NetSpec.Generate("kind: seq2vec\noptions: { keep_out: 0.2 }\ninput: { shape: [time, 6] }\nlayers:\n  - gru: { units: 4 }\n  - dropout: { rate: $keep_out }\n  - dense: { units: 2 }");

        NetSpec.Constructions(run).ShouldContain("__dropout_0 = global::TorchSharp.torch.nn.Dropout(options.KeepOut);");
        string generated = NetSpec.Options(run);
        generated.ShouldContain("public double KeepOut { get; init; } = 0.2;");
        generated.ShouldNotContain("Dropout0Rate");
        generated.ShouldNotContain("Drop probability");
    }

    [Fact]
    public void ARatePropertyThatCollidesWithAnOptionIsNamedByItsLayer()
    {
        GeneratorRun run = NetSpec.Run("kind: seq2vec\noptions: { drop_rate: 0.1 }\ninput: { shape: [time, 6] }\nlayers:\n  - gru: { units: 4 }\n  - dropout: { name: drop }\n  - dense: { units: 2 }");

        run.Messages.ShouldBe(["Net.model.yaml(7,5): error QD0015: Option 'drop_rate' and the rate of layer 'drop' both become property 'DropRate' of NetOptions; rename one of them"]);
    }
}
