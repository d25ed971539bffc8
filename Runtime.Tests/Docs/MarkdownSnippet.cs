namespace QuickDrawDsl.Runtime.Tests.Docs;

/// <summary>A fenced code block of a Markdown file.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Line">1-based line of the opening fence.</param>
/// <param name="Info">The fence's info string (e.g. <c>csharp</c>, <c>csharp fragment</c>, <c>yaml</c>).</param>
/// <param name="Code">The block's text.</param>
public sealed record MarkdownSnippet(string File, int Line, string Info, string Code)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}
