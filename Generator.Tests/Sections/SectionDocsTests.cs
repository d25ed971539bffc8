using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.Generator.Model.Sections;
using QuickDrawDsl.Generator.Tests.Docs;

namespace QuickDrawDsl.Generator.Tests.Sections;

/// <summary>Every key of <see cref="SectionCatalog"/> is in the JSON schema and in docs/spec-reference.md with its type, choices and default, and nothing else is.</summary>
public sealed class SectionDocsTests
{
    public static TheoryData<string, string> Keys()
    {
        var data = new TheoryData<string, string>();
        foreach (string section in new[] { SectionCatalog.TrainingKey, SectionCatalog.DataKey })
        {
            foreach ((string key, _) in SectionCatalog.Flattened(SectionCatalog.For(section)))
            {
                data.Add(section, key);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EveryKeyIsInTheSchemaWithItsRuleAndDefault(string section, string key)
    {
        SettingDefinition definition = SectionCatalog.Flattened(SectionCatalog.For(section)).Single(k => k.Key == key).Definition;
        JsonElement property = Property(SectionObject(section), key);
        property.GetProperty("description").GetString().ShouldBe(definition.Summary);
        switch (definition.Kind)
        {
            case SettingKind.Choice:
                property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(definition.Choices);
                break;
            case SettingKind.ChoiceList:
                property.GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(definition.Choices);
                break;
            case SettingKind.Int or SettingKind.Long or SettingKind.Float:
                property.GetProperty("type").GetString().ShouldBe(definition.Kind == SettingKind.Float ? "number" : "integer");
                Bound(property, definition.MinExclusive ? "exclusiveMinimum" : "minimum").ShouldBe(definition.Min);
                Bound(property, definition.MaxExclusive ? "exclusiveMaximum" : "maximum").ShouldBe(definition.Max);
                break;
        }

        if (definition.Default is null || definition.Kind == SettingKind.ChoiceList)
        {
            property.TryGetProperty("default", out JsonElement none).ShouldBe(definition.Kind == SettingKind.ChoiceList, $"{key}: {none}");
        }
        else
        {
            string schemaDefault = property.GetProperty("default") is var d && d.ValueKind == JsonValueKind.Number ? d.GetDouble().ToString("R", CultureInfo.InvariantCulture) : d.ToString().ToLowerInvariant();
            schemaDefault.ShouldBe(double.TryParse(definition.Default, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) ? n.ToString("R", CultureInfo.InvariantCulture) : definition.Default);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EveryKeyIsInTheSpecReferenceWithItsDefault(string section, string key)
    {
        SettingDefinition definition = SectionCatalog.Flattened(SectionCatalog.For(section)).Single(k => k.Key == key).Definition;
        string? row = Table(section).FirstOrDefault(r => r.StartsWith($"| `{key}` |", StringComparison.Ordinal));
        row.ShouldNotBeNull($"docs/spec-reference.md '### {section}' has no row for '{key}'");
        string[] cells = row.Split(" | ");
        cells[2].ShouldBe(definition.Required ? "**required**" : definition.Default is null ? "none" : $"`{definition.Default}`");
        foreach (string choice in definition.Choices)
        {
            cells[1].ShouldContain($"`{choice}`", Case.Sensitive);
        }
    }

    [Fact]
    public void TheSchemaAndTheReferenceHaveNoKeyTheCatalogLacks()
    {
        foreach (string section in new[] { SectionCatalog.TrainingKey, SectionCatalog.DataKey })
        {
            string[] keys = SectionCatalog.Flattened(SectionCatalog.For(section)).Select(k => k.Key).ToArray();
            Table(section).Select(r => r.Split('`')[1]).ShouldBe(keys, ignoreOrder: true);
            SchemaKeys(SectionObject(section), string.Empty).ShouldBe(keys, ignoreOrder: true);
        }
    }

    private static IEnumerable<string> SchemaKeys(JsonElement obj, string prefix) =>
        obj.GetProperty("properties").EnumerateObject().SelectMany(p => p.Value.TryGetProperty("properties", out _)
            ? SchemaKeys(p.Value, prefix + p.Name + ".")
            : [prefix + p.Name]);

    private static JsonElement SectionObject(string section)
    {
        JsonElement property = DocFiles.Schema.GetProperty("properties").GetProperty(section);
        return property.TryGetProperty("oneOf", out JsonElement oneOf) ? oneOf[0] : property;
    }

    private static JsonElement Property(JsonElement obj, string dotted)
    {
        JsonElement current = obj;
        foreach (string part in dotted.Split('.'))
        {
            current = current.GetProperty("properties").GetProperty(part);
        }

        return current;
    }

    private static double? Bound(JsonElement property, string name) =>
        property.TryGetProperty(name, out JsonElement value) ? value.GetDouble() : null;

    private static string[] Table(string section) =>
        DocFiles.Sections()[section].Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToArray();
}
