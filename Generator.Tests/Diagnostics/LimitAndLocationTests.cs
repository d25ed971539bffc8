using Microsoft.CodeAnalysis;
using System.Linq;
using System.Text;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Diagnostics;

/// <summary>
/// Specs beyond the limits are located QD0014 errors found before the work they guard (the 250,000-layer and the
/// 20,000-deep specs that hung and crashed the compiler); syntax errors point at the character YamlDotNet's scanner
/// stopped at, and nothing points past the end of a file.
/// </summary>
public sealed class LimitAndLocationTests
{
    [Fact]
    public void AQuarterMillionLayersIsRejectedAtTheStart()
    {
        var spec = new StringBuilder("model: Net\ninput: { shape: [4] }\nlayers:\n");
        for (int i = 0; i < 250_000; i++)
        {
            spec.Append("  - dense: { units: 4 }\n");
        }

        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec.ToString()));

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe(["Net.model.yaml(1,1): error QD0014: The spec (6,000,041 characters) exceeds the limit of 1,048,576 characters; split the model, or shorten its labels and descriptions"]);
    }

    [Fact]
    public void MoreLayersThanTheLimitPointAtTheFirstOneTooMany()
    {
        var spec = new StringBuilder("model: Net\ninput: { shape: [4] }\nlayers:\n");
        for (int i = 0; i < 10_001; i++)
        {
            spec.Append("  - dropout: {}\n");
        }

        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec.ToString()));

        run.Messages.ShouldBe(["Net.model.yaml(10004,5): error QD0014: The model's 10,001 layers exceeds the limit of 10,000 layers; split it into models that call each other, or generate the repeated part in code"]);
    }

    [Fact]
    public void TenThousandLayersAreGenerated()
    {
        var spec = new StringBuilder("model: Net\ninput: { shape: [time, 4] }\nlayers:\n");
        for (int i = 0; i < 10_000; i++)
        {
            spec.Append(i % 2 == 0 ? "  - conv1d: { filters: 4, kernel: 3, padding: same }\n" : "  - layernorm: {}\n");
        }

        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec.ToString()));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources["QuickDrawDsl.Examples.Archetypes.Net.g.cs"].ShouldContain("public const long ParameterCount = " + (5_000 * ((4 * 4 * 3) + 4 + 8)) + ";");
    }

    [Theory]
    [InlineData("flow mappings", " ", "{a: ", "}", 3, 138)]
    [InlineData("flow lists", " ", "[", "]", 3, 45)]
    [InlineData("block lists", "\n  ", "- ", "", 4, 65)]
    public void TwentyThousandLevelsOfNestingIsALocatedErrorNotAStackOverflow(string what, string start, string open, string close, int line, int column)
    {
        // The document is level 1 and 'description' level 2, so the 32nd bracket opens level 33.
        string deep = string.Concat(Enumerable.Repeat(open, 20_000)) + "1" + string.Concat(Enumerable.Repeat(close, 20_000));
        string spec = "model: Net\ninput: { shape: [4] }\ndescription:" + start + deep + "\nlayers:\n  - dense: { units: 2 }\n";

        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec));

        run.Sources.ShouldBeEmpty(what);
        run.Messages.ShouldBe([$"Net.model.yaml({line},{column}): error QD0014: The nesting of mappings and lists exceeds the limit of 32 levels; a model spec needs about 7; look for unclosed brackets or a runaway structure here"], what);
    }

    [Theory]
    [InlineData("? &k [*k]\n: 1\n", "Net.model.yaml(4,3): error QD0001: YAML syntax error: a key must be a plain name, not a mapping, a list or an alias")]
    [InlineData("loop: &l [*l]\n", "Net.model.yaml(4,11): error QD0001: YAML syntax error: this alias refers to a mapping or list it is part of, which would make the spec infinite; copy the values instead")]
    [InlineData("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n? *f\n: 1\n", "Net.model.yaml(10,3): error QD0001: YAML syntax error: a key must be a plain name, not a mapping, a list or an alias")]
    public void KeysAndAliasesThatWouldLoadForeverAreLocatedErrors(string yaml, string expected)
    {
        // A key that is an alias to itself overflowed the compiler's stack while YamlDotNet hashed it; one that
        // refers to a billion-node structure would hash for ever.
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n" + yaml));

        run.Messages.ShouldBe([expected]);
    }

    [Fact]
    public void AnAliasRepeatedOverManyLayersCannotMultiplyItsErrors()
    {
        var spec = new StringBuilder("model: Net\ninput: { shape: [4] }\nbad: &bad { units: 2");
        for (int i = 0; i < 2_000; i++)
        {
            spec.Append(", k").Append(i).Append(": 1");
        }

        spec.Append(" }\nlayers:\n");
        for (int i = 0; i < 5_000; i++)
        {
            spec.Append("  - dense: *bad\n");
        }

        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec.ToString()));

        run.Diagnostics.Count.ShouldBe(101);
        run.Diagnostics.Take(100).ShouldAllBe(d => d.Id == "QD0002");
        GeneratorRun.Format(run.Diagnostics[100]).ShouldEndWith("error QD0014: The number of errors in this spec exceeds the limit of 100 errors; fix the errors above and build again to see the rest");
    }

    [Fact]
    public void ATabUsedAsIndentationIsReportedWhereItIs()
    {
        string spec = "model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2 }\n  - dense: { units: 2 }\n  - dense: { units: 2 }\n\t- dense: { units: 2 }\n";

        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec));

        run.Messages.ShouldBe(["Net.model.yaml(7,1): error QD0001: YAML syntax error: While scanning a mapping, found invalid tab as indentation."]);
    }

    [Theory]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2\n", "Net.model.yaml(4,22): error QD0001: YAML syntax error: While parsing a flow mapping, did not find expected ',' or '}'.")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2", "Net.model.yaml(4,22): error QD0001: YAML syntax error: While parsing a flow mapping, did not find expected ',' or '}'.")]
    [InlineData("model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2\n\n\n", "Net.model.yaml(4,22): error QD0001: YAML syntax error: While parsing a flow mapping, did not find expected ',' or '}'.")]
    [InlineData("model: Net\r\ninput: { shape: [4] }\r\nlayers:\r\n  - dense: { units: 2\r\n", "Net.model.yaml(4,22): error QD0001: YAML syntax error: While parsing a flow mapping, did not find expected ',' or '}'.")]
    [InlineData("model: Net\ndescription: \"open\n", "Net.model.yaml(2,14): error QD0001: YAML syntax error: While scanning a quoted scalar, found unexpected end of stream.")]
    public void ErrorsAtTheEndOfATruncatedFileStayOnItsLastLine(string spec, string expected)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec));

        run.Messages.ShouldBe([expected]);
    }

    [Theory]
    [InlineData("  - dense:\n    units: 10\n", "Net.model.yaml(5,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': 'units' is a parameter of 'dense' but is not indented under it; indent it further than 'dense:', or write '- dense: { units: ... }'")]
    [InlineData("  - dense: { units: 10 }\n    activation: relu\n", "Net.model.yaml(5,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': 'activation' is a parameter of 'dense' but sits outside its parameters; move it into 'dense: { ... }'")]
    [InlineData("  - dense: { units: 10 }\n    dropout: {}\n", "Net.model.yaml(4,5): error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': found 2 layer types (dense, dropout); write one layer per list item")]
    public void AMisplacedParameterGetsIndentationAdvice(string layers, string expected)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\ninput: { shape: [4] }\nlayers:\n" + layers));

        run.Messages.ShouldBe([expected]);
    }

    [Fact]
    public void TheProjectsRootNamespaceMustBeANamespace()
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace App { internal static class Marker { } }");
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            [new ModelGenerator().AsSourceGenerator()],
            additionalTexts: [new InMemoryAdditionalText("/src/Net.model.yaml", "model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n")],
            optionsProvider: new GlobalOptionsProvider(new System.Collections.Generic.Dictionary<string, string> { ["build_property.RootNamespace"] = "My-App.class" }));

        var result = driver.RunGenerators(compilation).GetRunResult();

        result.GeneratedTrees.ShouldBeEmpty();
        result.Diagnostics.Select(GeneratorRun.Format).ShouldBe(["Net.model.yaml(1,8): error QD0005: 'My-App.class' is not a valid C# namespace: the project's RootNamespace is not a C# namespace; give the spec one, e.g. 'namespace: MyApp.Models'"]);
    }
}
