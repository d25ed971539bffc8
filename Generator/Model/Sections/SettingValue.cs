using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model.Sections;

/// <summary>
/// A setting the spec gives: its dotted key (<c>early_stopping.patience</c>), its value as checked text (a number as
/// written, a choice's name) or, for a list, its items; and where it is, for checks across settings.
/// </summary>
internal sealed record SettingValue(string Key, string Text, EquatableArray<string> Items, LocationInfo? Location);
