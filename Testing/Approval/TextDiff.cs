using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace QuickDrawDsl.Testing.Approval;

/// <summary>
/// The readable part of a mismatch: the first differing line (number, expected, received) and a line diff of what
/// changed, with line numbers, short enough for a test runner's message.
/// </summary>
internal static class TextDiff
{
    /// <summary>Above this many line pairs the diff is skipped (quadratic); the first difference is still shown.</summary>
    private const long MaxCells = 4_000_000;

    /// <summary>The most diff lines a message shows.</summary>
    private const int MaxLines = 40;

    /// <summary>Describes how <paramref name="received"/> differs from <paramref name="expected"/>; both are normalised.</summary>
    public static string Describe(string expected, string received)
    {
        string[] a = expected.Split('\n');
        string[] b = received.Split('\n');
        var text = new StringBuilder();
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string left = i < a.Length ? a[i] : "<end of file>";
            string right = i < b.Length ? b[i] : "<end of file>";
            if (left != right)
            {
                text.Append(CultureInfo.InvariantCulture, $"first difference at line {i + 1}:\n  expected: {left}\n  received: {right}\n");
                break;
            }
        }

        if ((long)a.Length * b.Length <= MaxCells)
        {
            text.Append("diff (- verified, + received):\n");
            int shown = 0;
            foreach (string line in Lines(a, b))
            {
                if (shown++ == MaxLines)
                {
                    text.Append("  ... (more differences: compare the files)\n");
                    break;
                }

                text.Append("  ").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Changed lines of a longest-common-subsequence diff, as <c>-12: text</c> and <c>+12: text</c>.</summary>
    private static IEnumerable<string> Lines(string[] a, string[] b)
    {
        // lcs[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        int[,] lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0;
        int y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"-{x + 1}: {a[x]}");
                x++;
            }
            else
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"+{y + 1}: {b[y]}");
                y++;
            }
        }
    }
}
