using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace QuickDrawDsl.Generator.Naming;

/// <summary>
/// The rules for every name a spec supplies (model, namespace, input/output, layer, option, axis names). A valid
/// name starts with an ASCII letter and continues with ASCII letters, digits and single underscores: it is a C#
/// identifier with no formatting characters or escapes, and it never contains <c>__</c>, which C# reserves for the
/// implementation and the generator uses for everything it declares itself (see <see cref="GeneratedNames"/>), so no
/// user name can collide with a generated one.
/// </summary>
internal static class Identifiers
{
    /// <summary>What a name becomes in C#; some places add rules of their own.</summary>
    public enum Role
    {
        /// <summary>The model: a class name.</summary>
        Model,

        /// <summary>One dot-separated part of <c>namespace:</c>.</summary>
        Namespace,

        /// <summary><c>input.name</c> / <c>output.name</c>: a parameter of <c>forward</c>.</summary>
        Parameter,

        /// <summary>A layer: a submodule (its state-dict name) and, for rates, part of an options property.</summary>
        Layer,

        /// <summary>An option: a PascalCase property of the options record.</summary>
        Option,

        /// <summary>An axis name in a shape (<c>time</c>): text only.</summary>
        Axis,
    }

    /// <summary>Members the generated module declares itself; a class cannot have a member of its own name (CS0542).</summary>
    public static readonly string[] ModuleMembers = ["ParameterCount", "Info", "Options", "Summary", "ToOnnx", "ExportOnnx", "forward", "forward_teacher_forced"];

    /// <summary>Contextual keywords that Roslyn 4.8's <see cref="SyntaxFacts"/> does not know yet (C# 13 and 14).</summary>
    private static readonly HashSet<string> NewerContextualKeywords = new(System.StringComparer.Ordinal) { "field", "extension", "allows", "notnull" };

    /// <summary>Why <paramref name="text"/> cannot be a name in <paramref name="role"/>, with the fix; null when it can.</summary>
    public static string? Problem(string text, Role role)
    {
        if (text.Length == 0)
        {
            return "a name cannot be empty";
        }

        if (!IsAsciiLetter(text[0]))
        {
            return "start it with a letter (A-Z, a-z)";
        }

        for (int i = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsAsciiLetter(c) && c is not (>= '0' and <= '9') && c != '_')
            {
                return char.IsControl(c) || char.IsWhiteSpace(c) || c > '\u007e'
                    ? $"it contains {Describe(c)}; use only letters A-Z and a-z, digits and '_'"
                    : $"it contains '{c}'; use only letters A-Z and a-z, digits and '_'";
            }

            if (c == '_' && text[i - 1] == '_')
            {
                return "it contains '__', which C# reserves for generated code; use a single '_'";
            }
        }

        if (SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None)
        {
            return $"'{text}' is a C# keyword; pick another name (e.g. '{text}_{(role == Role.Model ? "Model" : "1")}')";
        }

        switch (role)
        {
            case Role.Model:
                if (IsAllLowercase(text))
                {
                    // CS8981: C# may make any all-lowercase name a keyword, and warns on such type names.
                    return $"a class name needs an upper-case letter, e.g. '{char.ToUpperInvariant(text[0]) + text.Substring(1)}'";
                }

                if (System.Array.IndexOf(ModuleMembers, text) >= 0)
                {
                    return $"the generated module has a member named '{text}'; pick another name, e.g. '{text}Model'";
                }

                break;
            case Role.Namespace:
            case Role.Parameter:
                if (IsContextualKeyword(text))
                {
                    return $"'{text}' is a C# contextual keyword; pick another name, e.g. '{text}_1'";
                }

                break;
        }

        return null;
    }

    /// <summary>Why <paramref name="text"/> cannot be a namespace (dot-separated names); null when it can.</summary>
    public static string? NamespaceProblem(string text)
    {
        foreach (string part in text.Split('.'))
        {
            if (Problem(part, Role.Namespace) is { } problem)
            {
                return part.Length == 0 ? "it has an empty part; use dot-separated names, e.g. 'QuickDraw.Models'" : $"part '{part}': {problem}";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a namespace C# accepts (the empty string is the global namespace). For
    /// namespaces the spec does not write: the project's RootNamespace, or the namespace of a <c>[Model]</c> class.
    /// </summary>
    public static bool IsCSharpNamespace(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        foreach (string part in text.Split('.'))
        {
            bool verbatim = part.StartsWith("@", System.StringComparison.Ordinal);
            string name = verbatim ? part.Substring(1) : part;
            if (!SyntaxFacts.IsValidIdentifier(name) || (!verbatim && SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>conv1d_0</c> → <c>Conv1d0</c>; <c>hidden_size</c> → <c>HiddenSize</c>. Valid names start with a letter, so the result does too.</summary>
    public static string ToPascal(string snake)
    {
        var sb = new StringBuilder(snake.Length);
        bool upper = true;
        foreach (char c in snake)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }

    /// <summary>A character as an error message shows it: <c>'a'</c>, or its code point when it is not printable.</summary>
    public static string Describe(char c) =>
        c is > ' ' and < '\u007f' ? $"'{c}'"
        : c != '\ufffd' && !char.IsControl(c) && !char.IsWhiteSpace(c) && !char.IsSurrogate(c) && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.PrivateUse)
            ? $"'{c}' (U+{(int)c:X4})"
        : "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + (c switch
        {
            '\n' => " (line feed)",
            '\r' => " (carriage return)",
            '\t' => " (tab)",
            ' ' => " (space)",
            '\0' => " (NUL)",
            '\u2028' => " (line separator)",
            '\u2029' => " (paragraph separator)",
            '\u0085' => " (next line)",
            '\ufffd' => " (replacement character)",
            _ => string.Empty,
        });

    private static bool IsContextualKeyword(string text) =>
        SyntaxFacts.GetContextualKeywordKind(text) != SyntaxKind.None || NewerContextualKeywords.Contains(text);

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsAllLowercase(string text)
    {
        foreach (char c in text)
        {
            if (c is not (>= 'a' and <= 'z'))
            {
                return false;
            }
        }

        return true;
    }
}
