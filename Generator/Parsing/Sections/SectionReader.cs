using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model.Sections;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuickDrawDsl.Generator.Parsing.Sections;

/// <summary>
/// Reads a <c>training:</c> or <c>data:</c> section by <see cref="SectionCatalog"/>: every key, type and range problem
/// becomes a located diagnostic with "did you mean" for keys and choices, and reading goes on after it. Checks across
/// settings and against the model are <see cref="SectionChecks"/>'.
/// </summary>
internal sealed class SectionReader
{
    private readonly Func<YamlNode, LocationInfo> at;
    private readonly Action<DiagnosticDescriptor, LocationInfo?, object?[]> report;
    private readonly List<SettingValue> values = [];
    private readonly List<string> groups = [];

    public SectionReader(Func<YamlNode, LocationInfo> at, Action<DiagnosticDescriptor, LocationInfo?, object?[]> report)
    {
        this.at = at;
        this.report = report;
    }

    /// <summary>The section, or null when it is not a mapping (reported).</summary>
    public SectionSpec? Read(YamlNode node, string section)
    {
        if (node is YamlScalarNode { Value: null or "" } empty && empty.Style == ScalarStyle.Plain)
        {
            // 'training:' with nothing after it: every default, when the section has no required key.
            foreach (SettingDefinition required in SectionCatalog.For(section).Where(s => s.Required))
            {
                Report(DiagnosticDescriptors.MissingField, at(node), "'" + section + "'", required.Key, "use one of " + string.Join(", ", required.Choices));
            }

            return new SectionSpec(section, EquatableArray<SettingValue>.Empty, EquatableArray<string>.Empty, at(node));
        }

        if (node is not YamlMappingNode map)
        {
            Report(DiagnosticDescriptors.WrongType, at(node), section, "a mapping of settings, e.g. '" + section + ": { " + SectionCatalog.For(section)[0].Key + ": ... }'", Describe(node));
            return null;
        }

        ReadSettings(map, SectionCatalog.For(section), section, string.Empty);
        return new SectionSpec(section, values.ToEquatableArray(), groups.ToEquatableArray(), at(node));
    }

    private void ReadSettings(YamlMappingNode map, IReadOnlyList<SettingDefinition> settings, string owner, string prefix)
    {
        string[] keys = settings.Select(s => s.Key).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
        {
            string key = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
            SettingDefinition? definition = settings.FirstOrDefault(s => s.Key == key);
            if (definition is null)
            {
                string? closest = Suggestions.Closest(key, keys);
                Report(DiagnosticDescriptors.UnknownKey, at(entry.Key), key, "'" + owner + "'", closest is null ? "; valid keys: " + string.Join(", ", keys) : $"; did you mean '{closest}'?");
                continue;
            }

            seen.Add(key);
            ReadSetting(entry.Value, definition, prefix + key);
        }

        foreach (SettingDefinition required in settings.Where(s => s.Required && !seen.Contains(s.Key)))
        {
            Report(DiagnosticDescriptors.MissingField, at(map), "'" + owner + "'", required.Key, "use one of " + string.Join(", ", required.Choices));
        }
    }

    private void ReadSetting(YamlNode node, SettingDefinition definition, string key)
    {
        switch (definition.Kind)
        {
            case SettingKind.Group:
                if (node is YamlScalarNode { Value: null or "" } blank && blank.Style == ScalarStyle.Plain)
                {
                    groups.Add(key);
                }
                else if (node is YamlMappingNode group)
                {
                    groups.Add(key);
                    ReadSettings(group, definition.Children, key, key + ".");
                }
                else
                {
                    Report(DiagnosticDescriptors.WrongType, at(node), key, "a mapping of " + string.Join(", ", definition.Children.Select(c => c.Key)), Describe(node));
                }

                return;
            case SettingKind.ChoiceList:
                ReadChoiceList(node, definition, key);
                return;
            case SettingKind.ClassWeights when node is YamlSequenceNode weights:
                ReadWeights(weights, key);
                return;
        }

        if (node is not YamlScalarNode scalar || string.IsNullOrEmpty(scalar.Value))
        {
            Report(DiagnosticDescriptors.WrongType, at(node), key, TypeText(definition), Describe(node));
            return;
        }

        string text = scalar.Value!;
        bool plain = scalar.Style == ScalarStyle.Plain;
        string? value = definition.Kind switch
        {
            SettingKind.Int or SettingKind.Long => plain && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i) ? InRange(node, definition, key, i, text) : Wrong(node, definition, key),
            SettingKind.Float => plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && !double.IsNaN(f) ? InRange(node, definition, key, f, text) : Wrong(node, definition, key),
            SettingKind.Bool => plain && text is "true" or "false" ? text : Wrong(node, definition, key),
            SettingKind.Choice or SettingKind.ClassWeights => Choice(node, definition, key, text),
            _ => SpecCharacters.TextProblem(text, multiline: false) is { } problem ? Invalid(DiagnosticDescriptors.InvalidCharacter, node, "'" + key + "'", problem) : text,
        };

        if (value is not null)
        {
            values.Add(new SettingValue(key, value, EquatableArray<string>.Empty, at(node)));
        }
    }

    private void ReadChoiceList(YamlNode node, SettingDefinition definition, string key)
    {
        if (node is not YamlSequenceNode list)
        {
            Report(DiagnosticDescriptors.WrongType, at(node), key, "a list of " + string.Join(", ", definition.Choices), Describe(node));
            return;
        }

        var items = new List<string>();
        bool ok = true;
        foreach (YamlNode item in list)
        {
            string? choice = item is YamlScalarNode { Value: { Length: > 0 } t } ? Choice(item, definition, key, t) : Wrong(item, definition, key);
            if (choice is not null && items.Contains(choice))
            {
                Report(DiagnosticDescriptors.InvalidValue, at(item), key, choice, "is listed twice; remove one");
                choice = null;
            }

            ok &= choice is not null;
            if (choice is not null)
            {
                items.Add(choice);
            }
        }

        if (ok)
        {
            values.Add(new SettingValue(key, "[" + string.Join(", ", items) + "]", items.ToEquatableArray(), at(node)));
        }
    }

    private void ReadWeights(YamlSequenceNode list, string key)
    {
        var items = new List<string>();
        bool ok = true;
        foreach (YamlNode item in list)
        {
            if (item is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } t } && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double w)
                && !double.IsNaN(w) && !double.IsInfinity(w) && w <= float.MaxValue)
            {
                if (w < 0)
                {
                    Report(DiagnosticDescriptors.InvalidValue, at(item), key, t, "each weight must be at least 0");
                    ok = false;
                }

                // Stryker disable once String : on .NET Core 3+ (the tests' runtime) the default format round-trips as "R" does; a compiler hosted on .NET Framework needs "R"
                items.Add(w.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                Report(DiagnosticDescriptors.WrongType, at(item), key, "a list of numbers", Describe(item));
                ok = false;
            }
        }

        if (items.Count == 0 && ok)
        {
            Report(DiagnosticDescriptors.InvalidValue, at(list), key, "[]", "give one weight a class, or 'balanced'");
            ok = false;
        }

        if (ok)
        {
            values.Add(new SettingValue(key, "[" + string.Join(", ", items) + "]", items.ToEquatableArray(), at(list)));
        }
    }

    private string? InRange(YamlNode node, SettingDefinition definition, string key, double value, string text)
    {
        if (definition.Accepts(value))
        {
            return text;
        }

        // Stryker disable once Equality : int.MaxValue itself is accepted by every Int setting, so > and >= differ only for values never seen here
        string rule = definition.Kind == SettingKind.Int && value > int.MaxValue ? "must be at most " + Invariant.Of(int.MaxValue) : "must be " + definition.RangeText;
        return Invalid(DiagnosticDescriptors.InvalidValue, node, key, text, rule);
    }

    private string? Choice(YamlNode node, SettingDefinition definition, string key, string text)
    {
        if (Array.IndexOf(definition.Choices, text) >= 0)
        {
            return text;
        }

        string? closest = Suggestions.Closest(text, definition.Choices);
        string list = definition.Kind == SettingKind.ClassWeights ? "none, balanced or a list of weights" : string.Join(", ", definition.Choices);
        return Invalid(DiagnosticDescriptors.InvalidValue, node, key, text, "use " + list + (closest is null ? string.Empty : $" (did you mean '{closest}'?)"));
    }

    private string? Wrong(YamlNode node, SettingDefinition definition, string key) =>
        Invalid(DiagnosticDescriptors.WrongType, node, key, TypeText(definition), Describe(node));

    private string? Invalid(DiagnosticDescriptor descriptor, YamlNode node, params object?[] args)
    {
        Report(descriptor, at(node), args);
        return null;
    }

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args) => report(descriptor, location, args);

    private static string TypeText(SettingDefinition definition) => definition.Kind switch
    {
        SettingKind.Int or SettingKind.Long => "a whole number " + definition.RangeText,
        SettingKind.Float => "a number " + definition.RangeText,
        SettingKind.Bool => "true or false",
        SettingKind.Choice => "one of " + string.Join(", ", definition.Choices),
        SettingKind.ChoiceList => "one of " + string.Join(", ", definition.Choices),
        SettingKind.ClassWeights => "none, balanced or a list of weights",
        _ => "a text value",
    };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "empty",
        YamlScalarNode s => "'" + s.Value + "'",
        _ => "something else",
    };
}
