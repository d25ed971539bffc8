using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace QuickDrawDsl.Runtime.Tests.Docs;

/// <summary>Finds the repository's Markdown files and their fenced code blocks.</summary>
internal static class MarkdownSnippets
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>README.md, every docs/*.md and every package readme (*/README.md next to a project).</summary>
    public static IReadOnlyList<string> Documents() =>
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md").Select(f => Path.GetRelativePath(RepositoryRoot, f)).Order(StringComparer.Ordinal),
        .. new[] { "Runtime", "Runtime.Plotting", "Generator", "CommandLine", "Testing" }.Select(p => Path.Combine(p, "README.md")).Where(p => File.Exists(Path.Combine(RepositoryRoot, p))),
    ];

    public static IReadOnlyList<MarkdownSnippet> Blocks(string relativePath)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot, relativePath));
        var blocks = new List<MarkdownSnippet>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimStart();
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            string info = line[3..].Trim();
            int start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add(new MarkdownSnippet(relativePath, start + 1, info, string.Join("\n", body)));
        }

        return blocks;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuickDrawDsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QuickDrawDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
