using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace QuickDrawDsl.Generator.Diagnostics;

/// <summary>
/// A source location as plain data. <see cref="Location"/> holds syntax trees and would pin compilations in
/// the incremental cache; this record holds only the path and spans, and compares by value.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>Builds a location from 1-based YAML marks (YamlDotNet) and 0-based character offsets.</summary>
    public static LocationInfo FromYaml(string path, long startIndex, long startLine, long startColumn, long endIndex, long endLine, long endColumn)
    {
        int start = (int)startIndex;
        int end = (int)System.Math.Max(startIndex, endIndex);
        return new LocationInfo(
            path,
            TextSpan.FromBounds(start, end),
            new LinePositionSpan(
                new LinePosition((int)System.Math.Max(0, startLine - 1), (int)System.Math.Max(0, startColumn - 1)),
                new LinePosition((int)System.Math.Max(0, endLine - 1), (int)System.Math.Max(0, endColumn - 1))));
    }

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
