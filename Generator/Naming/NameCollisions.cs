using System.Collections.Generic;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Naming;

/// <summary>
/// Finds names that are valid one by one but would declare the same C# name twice: two options (or an option and a
/// layer's rate) that become the same property of the options record, a property that every record already has,
/// and <c>input.name</c>/<c>output.name</c> where they are parameters of one method. Each is a located QD0015.
/// </summary>
internal static class NameCollisions
{
    public static IEnumerable<DiagnosticInfo> Find(ModelSpec spec)
    {
        string record = GeneratedNames.OptionsRecord(spec.Name);
        var seen = new Dictionary<string, OptionProperty>(System.StringComparer.Ordinal);
        foreach (OptionProperty property in OptionProperties.Of(spec))
        {
            if (seen.TryGetValue(property.Name, out OptionProperty? first))
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, property.Location,
                    Capitalize(first.Origin), property.Origin, $"property '{property.Name}' of {record}", "one of them");
                continue;
            }

            seen[property.Name] = property;
            if (System.Array.IndexOf(GeneratedNames.RecordMembers, property.Name) >= 0 || property.Name == record)
            {
                string what = property.Name == record ? "the record's own name" : $"the member '{property.Name}' every record has";
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, property.Location,
                    Capitalize(property.Origin), what, $"'{property.Name}' in {record}", property.Origin);
            }
        }

        // forward(input, lengths) when the input is a sequence; forward_teacher_forced(input, output, lengths) with a decoder.
        bool sequence = spec.Input.Shape.Count > 0 && spec.Input.Shape[0].IsDynamic;
        string input = spec.Input.Name;
        if ((sequence || spec.Decoder is not null) && input == GeneratedNames.Lengths)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, spec.Input.NameLocation ?? spec.Input.Location,
                "input.name 'lengths'", "the sequence lengths", "parameters of forward", "the input, e.g. 'name: series'");
        }

        if (spec.Decoder is not null && spec.Output is { } output)
        {
            if (output.Name == input)
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, output.NameLocation ?? output.Location,
                    $"output.name '{output.Name}'", $"input.name '{input}'", "parameters of forward_teacher_forced (the target and the input)", "one of them");
            }
            else if (output.Name == GeneratedNames.Lengths)
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, output.NameLocation ?? output.Location,
                    "output.name 'lengths'", "the sequence lengths", "parameters of forward_teacher_forced", "the output, e.g. 'name: forecast'");
            }
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
