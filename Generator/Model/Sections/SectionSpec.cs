using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model.Sections;

/// <summary>
/// A parsed <c>training:</c> or <c>data:</c> section: the settings the spec gives, in spec order (the emitter writes the
/// catalog's default for every other key). Plain equatable data, part of <see cref="ModelSpec"/>.
/// </summary>
internal sealed record SectionSpec(string Section, EquatableArray<SettingValue> Values, EquatableArray<string> Groups, LocationInfo? Location)
{
    public SettingValue? Find(string key) => Values.FirstOrDefault(v => v.Key == key);

    /// <summary>The value of <paramref name="key"/>: the spec's, else the catalog default (null: none).</summary>
    public string? TextOf(string key, SettingDefinition definition) => Find(key)?.Text ?? definition.Default;

    /// <summary>Whether the spec wrote the group (<c>early_stopping: {}</c> counts).</summary>
    public bool HasGroup(string key) => Groups.Contains(key);
}
