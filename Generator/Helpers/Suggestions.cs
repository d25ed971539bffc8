using System;

namespace QuickDrawDsl.Generator.Helpers;

/// <summary>"Did you mean" suggestions for misspelt keys, layer types, choices and options.</summary>
internal static class Suggestions
{
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

    /// <summary>
    /// The closest of <paramref name="candidates"/> to <paramref name="text"/>, or null when none is close. Looks at
    /// most at <see cref="MaxCandidates"/> candidates of similar length, so a spec with thousands of options and
    /// misspelt references stays linear.
    /// </summary>
    public static string? Closest(string text, System.Collections.Generic.IEnumerable<string> candidates)
    {
        if (text.Length > MaxLength)
        {
            return null;
        }

        string? best = null;
        int bestDistance = int.MaxValue;
        int seen = 0;
        foreach (string candidate in candidates)
        {
            if (++seen > MaxCandidates)
            {
                break;
            }

            if (Math.Abs(candidate.Length - text.Length) > Math.Max(2, candidate.Length / 3))
            {
                continue;
            }

            int d = Distance(text, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }

    private const int MaxLength = 100;

    private const int MaxCandidates = 256;
}
