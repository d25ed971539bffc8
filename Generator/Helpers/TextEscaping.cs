using System;
using System.Globalization;
using System.Text;

namespace QuickDrawDsl.Generator.Helpers;

/// <summary>
/// The walk every escaper of spec text shares: well-formed surrogate pairs pass through whole (an emoji in a
/// description stays an emoji), every other character goes through the caller's rule.
/// </summary>
internal static class TextEscaping
{
    /// <summary>Appends <paramref name="text"/> to <paramref name="sb"/>, each character outside a surrogate pair replaced by <paramref name="escape"/>'s answer (null: the character itself).</summary>
    /// <param name="sb">Where the text goes.</param>
    /// <param name="text">The text to escape.</param>
    /// <param name="escape">The replacement of a character, or null to keep it.</param>
    /// <returns><paramref name="sb"/>.</returns>
    public static StringBuilder Append(StringBuilder sb, string text, Func<char, string?> escape)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }

            string? replacement = escape(c);
            if (replacement is null)
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(replacement);
            }
        }

        return sb;
    }

    /// <summary>A character as a <c>\uXXXX</c> escape (understood by C# and YAML double-quoted scalars alike).</summary>
    /// <param name="c">The character.</param>
    /// <returns>Six characters.</returns>
    public static string Unicode(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
