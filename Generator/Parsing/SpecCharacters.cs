using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Parsing;

/// <summary>
/// Which characters a spec may contain. The file itself: what YAML 1.2 allows (tab, line breaks, printable
/// Unicode), and no U+FFFD, which is what the compiler reads for bytes that are not valid UTF-8. Text values
/// (<c>description</c>, <c>labels</c>) end up in C# string literals, XML documentation and ONNX metadata, so they
/// may not hold control characters either, whether written raw or as YAML escapes (<c>"\0"</c>); a description
/// may span lines.
/// </summary>
internal static class SpecCharacters
{
    /// <summary>The first character of <paramref name="text"/> a spec file may not contain, and how many there are in all; null when there is none.</summary>
    public static (int Index, int Count)? FindInvalid(string text)
    {
        int first = -1;
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool ok;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                ok = true;
            }
            else
            {
                ok = c is '\t' or '\n' or '\r' or '\u0085' or (>= ' ' and <= '\u007e') or (>= '\u00a0' and <= '\ud7ff') or (>= '\ue000' and <= '\ufffc')
                    || (c == '\ufeff' && i == 0);
            }

            if (!ok)
            {
                count++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        return first < 0 ? null : (first, count);
    }

    /// <summary>Why <paramref name="c"/> may not be in a spec file, with the fix.</summary>
    public static string FileProblem(char c) => c switch
    {
        '\ufffd' => "the compiler reads it for bytes that are not valid UTF-8; save the file as UTF-8 (or remove the character)",
        _ when char.IsSurrogate(c) => "it is half of a UTF-16 surrogate pair; save the file as UTF-8",
        _ => "YAML does not allow it in a file; remove it, or write it as an escape in a double-quoted string if you mean it",
    };

    /// <summary>
    /// Why <paramref name="value"/> cannot be a text value, naming the first bad character; null when it can be.
    /// <paramref name="multiline"/> allows line breaks and tabs (a description).
    /// </summary>
    public static string? TextProblem(string value, bool multiline)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            bool lineBreak = c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';
            if (multiline && (lineBreak || c == '\t'))
            {
                continue;
            }

            if (char.IsControl(c) || lineBreak)
            {
                return $"it contains {Identifiers.Describe(c)}, a control character{(multiline ? string.Empty : " or line break")}; remove it";
            }

            if (char.IsSurrogate(c) || c is '\ufffe' or '\uffff')
            {
                return $"it contains {Identifiers.Describe(c)}, which is not a character (half of a surrogate pair, or a noncharacter); remove it";
            }
        }

        return null;
    }
}
