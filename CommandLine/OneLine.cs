using System;
using System.Linq;

namespace QuickDrawDsl.CommandLine;

/// <summary>Makes any message fit the one-line rule of stderr.</summary>
public static class OneLine
{
    /// <summary>Joins the lines of <paramref name="text"/> with "; " and trims it.</summary>
    /// <param name="text">A message, possibly of several lines.</param>
    /// <returns>The message on one line.</returns>
    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        return string.Join("; ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0));
    }
}
