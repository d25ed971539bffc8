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

    /// <summary>The start of a file, for a problem with the file as a whole (it could not be read).</summary>
    public static LocationInfo FileStart(string path) =>
        new(path, new TextSpan(0, 0), new LinePositionSpan(new LinePosition(0, 0), new LinePosition(0, 0)));

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
