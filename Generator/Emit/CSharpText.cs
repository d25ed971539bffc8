using System.Collections.Generic;
using System.Text;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>
/// Every string from a spec, escaped for the place it lands in generated C#: a string literal, a line comment, or
/// XML documentation. The parser already rejects control characters in text values; these are the second line of
/// defence, and they also cover what the parser does not check (a spec's file name).
/// </summary>
internal static class CSharpText
{
    /// <summary>A regular C# string literal of any text: quotes, backslashes, line breaks and every other non-printable character escaped.</summary>
    public static string Literal(string text) =>
        TextEscaping.Append(new StringBuilder(text.Length + 2).Append('"'), text, c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ when NeedsEscape(c) => TextEscaping.Unicode(c),
            _ => null,
        }).Append('"').ToString();

    /// <summary>Text for a <c>//</c> comment: C# ends a comment at any of its six line-break characters, so those (and control characters) are written as escapes.</summary>
    public static string Comment(string text) =>
        TextEscaping.Append(new StringBuilder(text.Length), text, c => NeedsEscape(c) || c is '\n' or '\r' or '\t' ? TextEscaping.Unicode(c) : null).ToString();

    /// <summary>One line of XML documentation text: markup characters as entities, line breaks and control characters (which XML cannot hold) as escapes.</summary>
    public static string Xml(string text) =>
        TextEscaping.Append(new StringBuilder(text.Length), text, c => c switch
        {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\t' => " ",
            _ when NeedsEscape(c) || c is '\n' or '\r' => TextEscaping.Unicode(c),
            _ => null,
        }).ToString();

    /// <summary>The lines of a text that may span lines (a description), split at every line break C# knows.</summary>
    public static IReadOnlyList<string> Lines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                lines.Add(text.Substring(start, i - start));
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text.Substring(start));
        return lines;
    }

    /// <summary>Characters that C# would read as a line break, that XML or UTF-8 cannot hold, or that are invisible control codes.</summary>
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff';
}
