using System;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace QuickDrawDsl.Generator.Helpers;

/// <summary>Identifier checks and case conversions shared by parser and emitter.</summary>
internal static class Naming
{
    public static bool IsIdentifier(string? text) =>
        !string.IsNullOrEmpty(text) && SyntaxFacts.IsValidIdentifier(text) && SyntaxFacts.GetKeywordKind(text!) == SyntaxKind.None;

    public static bool IsNamespace(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (string part in text!.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>conv1d_0</c> → <c>Conv1d0</c>; <c>hidden_size</c> → <c>HiddenSize</c>.</summary>
    public static string ToPascal(string snake)
    {
        var sb = new StringBuilder(snake.Length);
        bool upper = true;
        foreach (char c in snake)
        {
            if (c == '_' || c == '-')
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }

    /// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
    public static int Distance(string a, string b)
    {
        int[] prev = new int[b.Length + 1];
        int[] cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="text"/>, or null when none is close.</summary>
    public static string? Closest(string text, System.Collections.Generic.IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int d = Distance(text, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }
}
