using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuickDrawDsl.Generator.Tests.Docs;

/// <summary>
/// Validates a YAML document against the subset of JSON Schema (draft-07) that docs/schema/model.schema.json uses:
/// local <c>$ref</c>, <c>allOf</c>/<c>oneOf</c>, <c>type</c>, <c>enum</c>, <c>properties</c>,
/// <c>additionalProperties</c>, <c>required</c>, <c>propertyNames</c>, <c>items</c>, <c>minItems</c>,
/// <c>minProperties</c>/<c>maxProperties</c>, <c>pattern</c>, <c>minLength</c>, <c>uniqueItems</c>, <c>minimum</c>,
/// <c>maximum</c>, <c>exclusiveMinimum</c> and <c>exclusiveMaximum</c>.
/// A keyword outside that subset fails the validation, so the schema cannot silently outgrow this check.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "default", "definitions"];
    private static readonly HashSet<string> Supported =
    [
        "$ref", "allOf", "oneOf", "type", "enum", "properties", "additionalProperties", "required", "propertyNames",
        "items", "minItems", "minProperties", "maxProperties", "pattern", "minimum", "exclusiveMaximum",
        "maximum", "exclusiveMinimum", "minLength", "uniqueItems",
    ];

    private readonly JsonElement root;

    public SchemaValidator(JsonElement root) => this.root = root;

    /// <summary>Every violation, as <c>path: problem</c>; empty when the document is valid.</summary>
    public IReadOnlyList<string> Validate(YamlNode document)
    {
        var errors = new List<string>();
        Check(document, root, "$", errors);
        return errors;
    }

    private void Check(YamlNode node, JsonElement schema, string path, List<string> errors)
    {
        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            if (!Annotations.Contains(keyword.Name) && !Supported.Contains(keyword.Name))
            {
                errors.Add($"{path}: the schema uses '{keyword.Name}', which this validator does not implement");
            }
        }

        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            Check(node, Resolve(reference.GetString()!), path, errors);
        }

        if (schema.TryGetProperty("allOf", out JsonElement allOf))
        {
            foreach (JsonElement part in allOf.EnumerateArray())
            {
                Check(node, part, path, errors);
            }
        }

        if (schema.TryGetProperty("oneOf", out JsonElement oneOf))
        {
            List<string>[] results = oneOf.EnumerateArray().Select(part => Errors(node, part, path)).ToArray();
            int matches = results.Count(r => r.Count == 0);
            if (matches != 1)
            {
                errors.Add($"{path}: matches {matches} of the {results.Length} alternatives of 'oneOf' instead of exactly one");
            }

            if (matches == 0)
            {
                // Say why the alternative of the node's own type failed ('rate: 1.5' in a mapping, not "is object, expected null").
                errors.AddRange(results.Where(r => !r.Any(e => e.StartsWith(path + ": is ", StringComparison.Ordinal))).SelectMany(r => r));
            }
        }

        string type = TypeOf(node);
        if (schema.TryGetProperty("type", out JsonElement expectedType))
        {
            string[] allowed = expectedType.ValueKind == JsonValueKind.Array ? expectedType.EnumerateArray().Select(t => t.GetString()!).ToArray() : [expectedType.GetString()!];
            if (!allowed.Any(t => t == type || (t == "number" && type == "integer")))
            {
                errors.Add($"{path}: is {type}, expected {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out JsonElement values) && !values.EnumerateArray().Any(v => Equal(node, v)))
        {
            errors.Add($"{path}: '{(node as YamlScalarNode)?.Value}' is not one of {string.Join(", ", values.EnumerateArray().Select(v => v.ToString()))}");
        }

        switch (node)
        {
            case YamlMappingNode map:
                CheckMapping(map, schema, path, errors);
                break;
            case YamlSequenceNode list:
                CheckSequence(list, schema, path, errors);
                break;
            case YamlScalarNode scalar:
                CheckScalar(scalar, type, schema, path, errors);
                break;
        }
    }

    private void CheckMapping(YamlMappingNode map, JsonElement schema, string path, List<string> errors)
    {
        string[] keys = map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? string.Empty).ToArray();
        if (schema.TryGetProperty("required", out JsonElement required))
        {
            foreach (string key in required.EnumerateArray().Select(r => r.GetString()!).Where(r => !keys.Contains(r)))
            {
                errors.Add($"{path}: lacks required key '{key}'");
            }
        }

        if (schema.TryGetProperty("minProperties", out JsonElement min) && keys.Length < min.GetInt32())
        {
            errors.Add($"{path}: has {keys.Length} keys, at least {min.GetInt32()} expected");
        }

        if (schema.TryGetProperty("maxProperties", out JsonElement max) && keys.Length > max.GetInt32())
        {
            errors.Add($"{path}: has {keys.Length} keys, at most {max.GetInt32()} expected");
        }

        schema.TryGetProperty("properties", out JsonElement properties);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
        {
            string key = ((YamlScalarNode)entry.Key).Value ?? string.Empty;
            string child = path + "." + key;
            if (schema.TryGetProperty("propertyNames", out JsonElement names))
            {
                Check(entry.Key, names, child + " (key)", errors);
            }

            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(key, out JsonElement propertySchema))
            {
                Check(entry.Value, propertySchema, child, errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out JsonElement additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: unknown key '{key}'");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(entry.Value, additional, child, errors);
                }
            }
        }
    }

    private void CheckSequence(YamlSequenceNode list, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minItems", out JsonElement min) && list.Children.Count < min.GetInt32())
        {
            errors.Add($"{path}: has {list.Children.Count} items, at least {min.GetInt32()} expected");
        }

        if (schema.TryGetProperty("uniqueItems", out JsonElement unique) && unique.GetBoolean()
            && list.Children.OfType<YamlScalarNode>().GroupBy(n => n.Value).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            errors.Add($"{path}: '{repeated.Key}' is listed more than once");
        }

        if (schema.TryGetProperty("items", out JsonElement items))
        {
            for (int i = 0; i < list.Children.Count; i++)
            {
                Check(list.Children[i], items, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", errors);
            }
        }
    }

    private static void CheckScalar(YamlScalarNode scalar, string type, JsonElement schema, string path, List<string> errors)
    {
        string text = scalar.Value ?? string.Empty;
        if (type == "string" && schema.TryGetProperty("minLength", out JsonElement minLength) && text.Length < minLength.GetInt32())
        {
            errors.Add($"{path}: '{text}' is shorter than {minLength.GetInt32()} characters");
        }

        if (type == "string" && schema.TryGetProperty("pattern", out JsonElement pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.CultureInvariant))
        {
            errors.Add($"{path}: '{text}' does not match {pattern.GetString()}");
        }

        if (type is "integer" or "number")
        {
            double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (schema.TryGetProperty("minimum", out JsonElement minimum) && value < minimum.GetDouble())
            {
                errors.Add($"{path}: {text} is below the minimum {minimum.GetDouble().ToString(CultureInfo.InvariantCulture)}");
            }

            if (schema.TryGetProperty("exclusiveMaximum", out JsonElement maximum) && value >= maximum.GetDouble())
            {
                errors.Add($"{path}: {text} is not below {maximum.GetDouble().ToString(CultureInfo.InvariantCulture)}");
            }

            if (schema.TryGetProperty("maximum", out JsonElement inclusiveMaximum) && value > inclusiveMaximum.GetDouble())
            {
                errors.Add($"{path}: {text} is above the maximum {inclusiveMaximum.GetDouble().ToString(CultureInfo.InvariantCulture)}");
            }

            if (schema.TryGetProperty("exclusiveMinimum", out JsonElement exclusiveMinimum) && value <= exclusiveMinimum.GetDouble())
            {
                errors.Add($"{path}: {text} is not above {exclusiveMinimum.GetDouble().ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private List<string> Errors(YamlNode node, JsonElement schema, string path)
    {
        var errors = new List<string>();
        Check(node, schema, path, errors);
        return errors;
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException("Only local references are supported: " + reference);
        }

        JsonElement current = root;
        foreach (string part in reference[2..].Split('/'))
        {
            current = current.GetProperty(part);
        }

        return current;
    }

    /// <summary>The JSON type of a YAML node under the YAML 1.2 core schema: plain scalars may be null, booleans or numbers.</summary>
    internal static string TypeOf(YamlNode node)
    {
        if (node is YamlMappingNode)
        {
            return "object";
        }

        if (node is YamlSequenceNode)
        {
            return "array";
        }

        var scalar = (YamlScalarNode)node;
        string text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return "string";
        }

        if (text is "" or "~" or "null")
        {
            return "null";
        }

        if (text is "true" or "false")
        {
            return "boolean";
        }

        if (Regex.IsMatch(text, "^[-+]?[0-9]+$", RegexOptions.CultureInvariant))
        {
            return "integer";
        }

        return Regex.IsMatch(text, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant) ? "number" : "string";
    }

    private static bool Equal(YamlNode node, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => node is YamlScalarNode s && TypeOf(s) == "string" && s.Value == value.GetString(),
        JsonValueKind.Number => node is YamlScalarNode s && TypeOf(s) is "integer" or "number" && double.Parse(s.Value!, CultureInfo.InvariantCulture) == value.GetDouble(),
        JsonValueKind.True => node is YamlScalarNode { Value: "true" },
        JsonValueKind.False => node is YamlScalarNode { Value: "false" },
        _ => false,
    };
}
