using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Docs;

/// <summary>docs/schema/model.schema.json has the parser's keys and the catalog's layers, and the example specs validate against it.</summary>
public sealed class SchemaTests
{
    private static readonly JsonElement Schema = DocFiles.Schema;

    public static TheoryData<string> LayerTypes => new(LayerCatalog.Types);

    public static TheoryData<string> ExampleSpecs => new(DocFiles.ExampleSpecs.Select(p => Path.GetRelativePath(RepoFiles.Root(), p)));

    [Theory]
    [MemberData(nameof(LayerTypes))]
    public void EveryLayerTypeAndParameterIsInTheSchema(string type)
    {
        LayerDefinition definition = LayerCatalog.Find(type)!;
        JsonElement layer = Definition("layer");
        layer.GetProperty("properties").TryGetProperty(type, out _).ShouldBeTrue($"definitions/layer has no '{type}'");
        if (type is not ("time_distributed" or "residual"))
        {
            Definition("innerLayer").GetProperty("properties").TryGetProperty(type, out _).ShouldBeTrue($"definitions/innerLayer has no '{type}'");
        }

        JsonElement body = Definition("layerTypes").GetProperty(type);
        if (type == "time_distributed")
        {
            definition.Parameters.ShouldBeEmpty();
            return;
        }

        JsonElement? parameters = ParametersObject(body);
        if (definition.Parameters.Count == 0)
        {
            (parameters is null || Keys(parameters.Value.GetProperty("properties")).SequenceEqual(["name"])).ShouldBeTrue($"{type} takes no parameters");
            return;
        }

        parameters.ShouldNotBeNull($"{type} has no parameters object in the schema");
        JsonElement properties = parameters.Value.GetProperty("properties");
        // A residual block's layers are not a catalog parameter: the parser reads them as the block's list.
        string[] own = type == "residual" ? ["layers"] : [];
        Keys(properties).ShouldBe(definition.Parameters.Select(p => p.Key).Concat(own).Append("name").ToArray(), ignoreOrder: true);
        Keys(parameters.Value, "required").ShouldBe(definition.Parameters.Where(p => p.Required).Select(p => p.Key).Concat(own).ToArray(), ignoreOrder: true);
        parameters.Value.GetProperty("additionalProperties").ValueKind.ShouldBe(JsonValueKind.False);

        foreach (ParamDefinition parameter in definition.Parameters)
        {
            JsonElement property = properties.GetProperty(parameter.Key);
            string json = property.GetRawText();
            property.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace();
            json.Contains("#/definitions/optionRef", StringComparison.Ordinal).ShouldBe(parameter.AllowsOption, $"{type}.{parameter.Key}: may it be a $option?");
            if (parameter.DefaultText is { } defaultText)
            {
                property.TryGetProperty("default", out JsonElement value).ShouldBeTrue($"{type}.{parameter.Key} has no default in the schema");
                Same(value, defaultText).ShouldBeTrue($"{type}.{parameter.Key}: schema default {value} but the catalog says {defaultText}");
            }
            else
            {
                property.TryGetProperty("default", out _).ShouldBeFalse($"{type}.{parameter.Key} has no catalog default");
            }

            if (parameter.Type == ParamType.Choice)
            {
                JsonElement choice = property.TryGetProperty("enum", out JsonElement direct) ? direct : property.GetProperty("oneOf")[0].GetProperty("enum");
                choice.EnumerateArray().Select(c => c.GetString()!).ShouldBe(parameter.Choices);
            }
        }
    }

    [Fact]
    public void TheSchemaHasNoLayerTypeTheCatalogLacks()
    {
        string[] types = LayerCatalog.Types.ToArray();
        Keys(Definition("layerTypes")).ShouldBe(types, ignoreOrder: true);
        Keys(Definition("layer").GetProperty("properties")).ShouldBe(types.Append("name").ToArray(), ignoreOrder: true);
        Keys(Definition("innerLayer").GetProperty("properties")).ShouldBe(types.Where(t => t is not ("time_distributed" or "residual")).Append("name").ToArray(), ignoreOrder: true);
        LayerCatalog.Activations.ShouldBe(Definition("layerTypes").GetProperty("activation").GetProperty("oneOf")[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("the spec", "")]
    [InlineData("'input'", "input")]
    [InlineData("'output'", "output")]
    [InlineData("'decoder'", "decoder")]
    public void SchemaKeysAreTheKeysTheParserAccepts(string owner, string key)
    {
        // The parser lists the valid keys when an unknown key is not close to any of them.
        const string Unknown = "qqqqqqqqqqqqqqqqqqqq";
        const string Layers = "layers: [ { dense: { units: 2 } } ]\n";
        string spec = key switch
        {
            "" => $"model: Tiny\ninput: {{ shape: [4] }}\n{Layers}{Unknown}: 1\n",
            "input" => $"model: Tiny\ninput: {{ shape: [4], {Unknown}: 1 }}\n{Layers}",
            "output" => $"model: Tiny\ninput: {{ shape: [4] }}\noutput: {{ shape: [2], {Unknown}: 1 }}\n{Layers}",
            _ => $"model: Tiny\nkind: vec2seq\ninput: {{ shape: [4] }}\noutput: {{ shape: [3, 1] }}\nlayers: [ {{ dense: {{ units: 8 }} }} ]\ndecoder: {{ cell: gru, units: 8, {Unknown}: 1 }}\n",
        };
        GeneratorRun run = GeneratorRun.Of(("/docs/Keys.model.yaml", spec));
        string message = run.Diagnostics.Single(d => d.Id == "QD0002").GetMessage(CultureInfo.InvariantCulture);
        message.ShouldContain($"in {owner}; valid keys: ");
        string[] parserKeys = message[(message.IndexOf("valid keys: ", StringComparison.Ordinal) + "valid keys: ".Length)..].Split(", ");

        JsonElement schemaObject = key switch
        {
            "" => Schema,
            "decoder" => Schema.GetProperty("properties").GetProperty("decoder"),
            _ => Definition("tensor"),
        };
        Keys(schemaObject.GetProperty("properties")).ShouldBe(parserKeys, ignoreOrder: true);
        schemaObject.GetProperty("additionalProperties").ValueKind.ShouldBe(JsonValueKind.False);
    }

    [Fact]
    public void TheSchemasNamePatternIsTheGeneratorsNameRule()
    {
        // Keywords pass the pattern (JSON Schema cannot list them) but not the generator; everything else agrees.
        string pattern = Definition("identifier").GetProperty("pattern").GetString()!;
        Definition("layerName").GetProperty("pattern").GetString().ShouldBe(pattern);
        string[] names = [.. Fuzz.NamePool.Plain, .. Fuzz.NamePool.Hostile];
        foreach (string name in names.Where(n => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(n) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None))
        {
            bool generator = QuickDrawDsl.Generator.Naming.Identifiers.Problem(name, QuickDrawDsl.Generator.Naming.Identifiers.Role.Layer) is null;
            System.Text.RegularExpressions.Regex.IsMatch(name, pattern).ShouldBe(generator, $"'{name}'");
        }
    }

    [Theory]
    [MemberData(nameof(ExampleSpecs))]
    public void ExampleSpecValidatesAndPointsItsModelineAtTheSchema(string relativePath)
    {
        string path = Path.Combine(RepoFiles.Root(), relativePath);
        string text = File.ReadAllText(path);
        new SchemaValidator(Schema).Validate(DocFiles.LoadYaml(text)).ShouldBeEmpty(relativePath);

        const string Modeline = "# yaml-language-server: $schema=";
        string first = text.Split('\n')[0].TrimEnd('\r');
        first.ShouldStartWith(Modeline);
        string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, first[Modeline.Length..]));
        target.ShouldBe(Path.GetFullPath(DocFiles.SchemaPath));
    }

    [Theory]
    [InlineData("model: Tiny\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\nmodle: X\n", "unknown key 'modle'")]
    [InlineData("model: Tiny\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2, activaton: relu } } ]\n", "unknown key 'activaton'")]
    [InlineData("model: Tiny\nkind: seq3seq\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "'seq3seq' is not one of")]
    [InlineData("model: Tiny\ninput: { shape: [4] }\nlayers: [ { dense: { bias: false } } ]\n", "lacks required key 'units'")]
    [InlineData("model: Tiny\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 }, flatten: {} } ]\n", "oneOf")]
    [InlineData("model: Tiny\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } }, { dropout: { rate: 1.5 } } ]\n", "not below 1")]
    [InlineData("model: Tiny\ninput: { shape: [4] }\nlayers: [ { conv1d: { filters: 2, kernel: $k } } ]\n", "oneOf")]
    [InlineData("model: Tiny\ninput: { shape: [4] }\nlayers: [ { time_distributed: { time_distributed: { dense: { units: 2 } } } } ]\n", "unknown key 'time_distributed'")]
    [InlineData("input: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "lacks required key 'model'")]
    public void TheSchemaRejectsWhatTheGeneratorRejects(string spec, string expected)
    {
        IReadOnlyList<string> errors = new SchemaValidator(Schema).Validate(DocFiles.LoadYaml(spec));
        errors.ShouldContain(e => e.Contains(expected, StringComparison.Ordinal), string.Join('\n', errors));
        GeneratorRun.Of(("/docs/Bad.model.yaml", spec)).Diagnostics.ShouldNotBeEmpty("the generator rejects it too");
    }

    [Theory]
    [InlineData("relu", "string")]
    [InlineData("'12'", "string")]
    [InlineData("12", "integer")]
    [InlineData("-3", "integer")]
    [InlineData("1e-05", "number")]
    [InlineData("0.5", "number")]
    [InlineData("true", "boolean")]
    [InlineData("~", "null")]
    [InlineData("$hidden", "string")]
    public void YamlScalarsGetTheirJsonTypes(string scalar, string type) =>
        SchemaValidator.TypeOf(((YamlDotNet.RepresentationModel.YamlMappingNode)DocFiles.LoadYaml("k: " + scalar)).Children.Values.Single()).ShouldBe(type);

    private static JsonElement Definition(string name) => Schema.GetProperty("definitions").GetProperty(name);

    private static JsonElement? ParametersObject(JsonElement body)
    {
        if (body.TryGetProperty("properties", out _))
        {
            return body;
        }

        if (body.TryGetProperty("oneOf", out JsonElement alternatives))
        {
            foreach (JsonElement alternative in alternatives.EnumerateArray())
            {
                if (alternative.TryGetProperty("type", out JsonElement t) && t.GetString() == "object")
                {
                    return alternative;
                }
            }
        }

        return null;
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static string[] Keys(JsonElement element, string arrayProperty) =>
        element.TryGetProperty(arrayProperty, out JsonElement array) ? array.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];

    private static bool Same(JsonElement value, string catalogText) => value.ValueKind switch
    {
        JsonValueKind.True => catalogText == "true",
        JsonValueKind.False => catalogText == "false",
        JsonValueKind.String => value.GetString() == catalogText,
        JsonValueKind.Number => value.GetDouble() == double.Parse(catalogText, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => false,
    };
}
