using System;

namespace QuickDrawDsl.Generator.Model.Sections;

/// <summary>
/// One key of a <c>training:</c>/<c>data:</c> section: how it is read and checked, and which property of the runtime's
/// section record (<c>TrainingSection</c>, <c>DataSection</c>) it sets. The catalog, the JSON schema and
/// docs/spec-reference.md list the same keys (a test compares them).
/// </summary>
internal sealed class SettingDefinition
{
    public SettingDefinition(string key, SettingKind kind, string property, string summary)
    {
        Key = key;
        Kind = kind;
        Property = property;
        Summary = summary;
    }

    public string Key { get; }

    public SettingKind Kind { get; }

    /// <summary>The runtime record's property this key sets (for a group kept as an object: the property holding it).</summary>
    public string Property { get; }

    /// <summary>One sentence for the docs and the generated XML comment.</summary>
    public string Summary { get; }

    /// <summary>The value when the key is absent, as YAML text; null when absent means "none" (a nullable property).</summary>
    public string? Default { get; init; }

    public double? Min { get; init; }

    public bool MinExclusive { get; init; }

    public double? Max { get; init; }

    public bool MaxExclusive { get; init; }

    /// <summary>For a choice: the YAML names; <see cref="Members"/> holds the enum member of each.</summary>
    public string[] Choices { get; init; } = [];

    public string[] Members { get; init; } = [];

    /// <summary>For a choice: the runtime enum, fully qualified from <c>global::</c>.</summary>
    public string? EnumType { get; init; }

    /// <summary>For a group: its keys.</summary>
    public SettingDefinition[] Children { get; init; } = [];

    /// <summary>For a group emitted as one object (<c>early_stopping</c>): that object's type; null when its keys set properties of the section itself.</summary>
    public string? GroupType { get; init; }

    /// <summary>Required inside its section or group.</summary>
    public bool Required { get; init; }

    /// <summary>The data formats this key applies to; empty for all.</summary>
    public string[] Formats { get; init; } = [];

    /// <summary>The rule of a number as text: "more than 0", "in [0, 1)".</summary>
    public string RangeText
    {
        get
        {
            double? shownMax = Kind == SettingKind.Int && Max == int.MaxValue ? null : Max;
            if (Min is { } min && shownMax is { } max)
            {
                return "in " + (MinExclusive ? "(" : "[") + Display(min) + ", " + Display(max) + (MaxExclusive ? ")" : "]");
            }

            if (Min is { } low)
            {
                return (MinExclusive ? "more than " : "at least ") + Number(low);
            }

            return shownMax is { } high ? (MaxExclusive ? "less than " : "at most ") + Number(high) : "any number";
        }
    }

    public bool Accepts(double value) =>
        !double.IsNaN(value) && !double.IsInfinity(value)
        && (Min is not { } min || (MinExclusive ? value > min : value >= min))
        && (Max is not { } max || (MaxExclusive ? value < max : value <= max));

    public string? MemberOf(string choice)
    {
        int index = Array.IndexOf(Choices, choice);
        return index < 0 ? null : Members[index];
    }

    private static string Number(double value) => Display(value);

    private static string Display(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
