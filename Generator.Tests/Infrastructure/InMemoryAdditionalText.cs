using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>An additional file held in memory, as the compiler hands <c>*.model.yaml</c> files to the generator.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText source = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => source;
}
