using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using QuickDrawDsl.Runtime.Experiments;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>A section's effective settings as <c>key: value</c> lines, for <c>summary</c>.</summary>
public static class SectionText
{
    /// <summary>The lines of <paramref name="section"/>, headed by <paramref name="name"/>.</summary>
    /// <param name="name">The section's key, e.g. <c>training</c>.</param>
    /// <param name="section">A <see cref="TrainingSection"/> or <see cref="DataSection"/>.</param>
    /// <returns><c>training:</c>, then one indented line a setting.</returns>
    public static IEnumerable<string> Lines(string name, object section)
    {
        ArgumentNullException.ThrowIfNull(section);
        yield return name + ":";
        Type type = section is TrainingSection ? typeof(TrainingSection) : typeof(DataSection);
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(p => p.SetMethod is not null))
        {
            yield return $"  {property.Name}: {Format(property.GetValue(section))}";
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "none",
        string text => text,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? "none",
    };
}
