using System;
using System.Linq;
using System.Reflection;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>
/// Sizes and counts are checked arithmetic: what overflows a 64-bit integer is a located QD0112, never a wrapped
/// number; an option stands for a literal and passes the literal's rule, in the spec (its default) and at run
/// time (an override, checked by the generated constructor).
/// </summary>
public sealed class SizeArithmeticTests
{
    [Theory]
    [InlineData("input: { shape: [1, 16777216, 16777216, 16777216] }\nlayers:\n  - conv3d: { filters: 16777216, kernel: 16777216 }\n", "Net.model.yaml(4,5): error QD0112: Layer 'conv3d_0' (conv3d): a size or parameter count is beyond 9,223,372,036,854,775,807, the largest size libtorch accepts; use smaller sizes")]
    [InlineData("input: { shape: [16777216, 16777216, 16777216] }\nlayers:\n  - flatten: {}\n  - dense: { units: 2 }\n", "Net.model.yaml(4,5): error QD0112: Layer 'flatten_0' (flatten): a size or parameter count is beyond 9,223,372,036,854,775,807, the largest size libtorch accepts; use smaller sizes")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - conv1d: { filters: 2, kernel: 16777216, dilation: 16777216, padding: same }\n", "Net.model.yaml(4,55): error QD0008: 'conv1d.dilation' has invalid value '16777216': dilation × (kernel − 1) + 1 = 281474959933441 must be at most 16777216")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 9223372036854775807 }\n", "Net.model.yaml(4,21): error QD0008: 'dense.units' has invalid value '9223372036854775807': must be a whole number from 1 to 16777216")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - dense: { units: 99999999999999999999 }\n", "Net.model.yaml(4,21): error QD0008: 'dense.units' has invalid value '99999999999999999999': must be a whole number from 1 to 16777216")]
    public void SizesBeyondWhatLibtorchAcceptsAreLocatedErrors(string body, string expected)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\n" + body));

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe([expected]);
    }

    [Theory]
    [InlineData("hidden: -5", "units: $hidden", "Net.model.yaml(5,21): error QD0008: 'dense.units' has invalid value '$hidden = -5': must be a whole number from 1 to 16777216; change the default of option 'hidden'")]
    [InlineData("hidden: 9223372036854775807", "units: $hidden", "Net.model.yaml(5,21): error QD0008: 'dense.units' has invalid value '$hidden = 9223372036854775807': must be a whole number from 1 to 16777216; change the default of option 'hidden'")]
    [InlineData("hidden: 99999999999999999999", "units: $hidden", "Net.model.yaml(2,20): error QD0008: 'options.hidden' has invalid value '99999999999999999999': an integer option is a whole number from -9223372036854775808 to 9223372036854775807")]
    [InlineData("drop: 2", "units: 4, name: d }\n  - dropout: { rate: $drop", "Net.model.yaml(6,22): error QD0008: 'dropout.rate' has invalid value '$drop = 2': must be a rate in [0, 1); change the default of option 'drop'")]
    public void AnOptionDefaultPassesTheRuleOfTheLiteralItStandsFor(string option, string parameters, string expected)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", $"model: Net\noptions: {{ {option} }}\ninput: {{ shape: [4] }}\nlayers:\n  - dense: {{ {parameters} }}\n"));

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldContain(expected);
    }

    [Theory]
    [InlineData("Hidden", -5L, "NetOptions.Hidden sets lstm_0.units, dense_0.units, which must be a whole number from 1 to 16777216.")]
    [InlineData("Hidden", 16_777_217L, "NetOptions.Hidden sets lstm_0.units, dense_0.units, which must be a whole number from 1 to 16777216.")]
    [InlineData("Drop", 2.0, "NetOptions.Drop sets dropout_0.rate, which must be a rate in [0, 1).")]
    [InlineData("Drop", double.NaN, "NetOptions.Drop sets dropout_0.rate, which must be a rate in [0, 1).")]
    [InlineData("Dropout1Rate", -0.5, "NetOptions.Dropout1Rate sets dropout_1.rate, which must be a rate in [0, 1).")]
    [InlineData("Gru0Dropout", 1.0, "NetOptions.Gru0Dropout sets gru_0.dropout, which must be a rate in [0, 1).")]
    public void AnOverriddenOptionIsCheckedByTheConstructor(string property, object value, string message)
    {
        const string spec = """
            model: Net
            kind: seq2vec
            options: { hidden: 8, drop: 0.1 }
            input: { shape: [time, 3] }
            layers:
              - gru: { units: 4, num_layers: 2, dropout: 0.2, return_sequences: true }
              - lstm: { units: $hidden }
              - dropout: { rate: $drop }
              - dropout: { rate: 0.3 }
              - dense: { units: $hidden }
            """;
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec));
        run.Diagnostics.ShouldBeEmpty();

        CompiledModels.Use(CompiledModels.Compile(run), types =>
        {
            Type model = types.Single();
            Type optionsType = model.Assembly.GetType(model.FullName + "Options")!;

            // The defaults build, with the compile-time parameter count.
            using (var ok = (TorchSharp.torch.nn.Module)Activator.CreateInstance(model)!)
            {
                ok.parameters().Sum(p => p.numel()).ShouldBe((long)model.GetField("ParameterCount")!.GetRawConstantValue()!);
            }

            object options = Activator.CreateInstance(optionsType)!;
            PropertyInfo target = optionsType.GetProperty(property)!;
            target.SetValue(options, Convert.ChangeType(value, target.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            var thrown = Should.Throw<TargetInvocationException>(() => Activator.CreateInstance(model, options, null));
            ArgumentOutOfRangeException error = thrown.InnerException.ShouldBeOfType<ArgumentOutOfRangeException>();
            error.ParamName.ShouldBe("options");
            error.Message.ShouldStartWith(message);
        });
    }

    [Fact]
    public void LongChainsOfWindowsKeepTheirLengthOneShortExpression()
    {
        // Valid kernels of 3 (2 steps shorter) and now and then a stride of 2: 400 layers, and the length is still one floor((time+a)/d).
        string[] layers = Enumerable.Range(0, 400).Select(i => i % 40 == 0 ? "  - conv1d: { filters: 2, kernel: 3, stride: 2, padding: same }\n" : "  - conv1d: { filters: 2, kernel: 3 }\n").ToArray();
        string Module(int count)
        {
            GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\ninput: { shape: [time, 2] }\nlayers:\n" + string.Concat(layers.Take(count))));
            run.Diagnostics.ShouldBeEmpty();
            return run.Sources["QuickDrawDsl.Examples.Archetypes.Net.g.cs"];
        }

        string module = Module(400);
        module.Split('\n').Max(l => l.Length).ShouldBeLessThanOrEqualTo(Module(40).Split('\n').Max(l => l.Length) + 8, "no line grows with the number of layers before it");

        // The expression equals the layer-by-layer lengths, e.g. for a sequence of 10^7 steps.
        System.Text.RegularExpressions.Match last = System.Text.RegularExpressions.Regex.Match(module, @"""conv1d_399"", ""conv1d"", new string\[\] \{ ""floor\(\(time([+-]\d+)\)/(\d+)\)"", ""2"" \}");
        last.Success.ShouldBeTrue();
        long t = 10_000_000;
        long length = t;
        for (int i = 0; i < 400; i++)
        {
            length = i % 40 == 0 ? (length + 1) / 2 : length - 2;
        }

        long offset = long.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        long divisor = long.Parse(last.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        ((t + offset) / divisor).ShouldBe(length);
    }
}
