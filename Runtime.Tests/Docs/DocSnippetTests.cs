using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Runtime.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of README.md, docs/*.md and the package readmes compiles against the real assemblies,
/// so the documentation cannot drift from the API. A block that is deliberately partial (a signature, a fragment
/// inside a larger file) is fenced as <c>```csharp fragment</c> and skipped; use it sparingly. A block that shows a
/// mistake is fenced as <c>```csharp error QD0013</c> and must fail with that diagnostic. See
/// <see cref="SnippetCompiler"/> for what a snippet may assume.
/// </summary>
public sealed class DocSnippetTests
{
    public static TheoryData<string> Documents() => [.. MarkdownSnippets.Documents()];

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryCSharpSnippetCompiles(string document)
    {
        IReadOnlyList<MarkdownSnippet> blocks = MarkdownSnippets.Blocks(document);
        IReadOnlyList<MarkdownSnippet> specs = [.. blocks.Where(b => b.Info == "yaml" && b.Code.TrimStart().StartsWith("model:", System.StringComparison.Ordinal))];
        var errors = new List<string>();
        foreach (MarkdownSnippet snippet in blocks.Where(b => b.Info is "csharp" or "cs" or "c#"))
        {
            errors.AddRange(SnippetCompiler.Errors(snippet, specs));
        }

        // "```csharp error QD0013": a snippet that shows a mistake must fail with exactly the diagnostic it names.
        foreach (MarkdownSnippet snippet in blocks.Where(b => b.Info.StartsWith("csharp error ", System.StringComparison.Ordinal)))
        {
            string id = snippet.Info["csharp error ".Length..].Trim();
            IReadOnlyList<string> found = SnippetCompiler.Errors(snippet, specs);
            if (!found.Any(e => e.Contains($": {id} ", System.StringComparison.Ordinal)))
            {
                errors.Add($"{snippet}: expected error {id}, got {(found.Count == 0 ? "none" : string.Join("; ", found))}");
            }
        }

        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    [Fact]
    public void TheExtractorFindsTheReadmeSnippetsAndCatchesABrokenOne()
    {
        IReadOnlyList<MarkdownSnippet> readme = MarkdownSnippets.Blocks("README.md");
        readme.Count(b => b.Info == "csharp").ShouldBeGreaterThanOrEqualTo(2);
        MarkdownSnippet broken = new("README.md", 1, "csharp", "using QuickDrawDsl.Runtime.Training;\nvar t = new TrainerOptions { Epochz = 3 };");
        SnippetCompiler.Errors(broken, []).ShouldHaveSingleItem().ShouldContain("CS0117");
    }
}
