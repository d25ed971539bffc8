namespace QuickDrawDsl.Generator.Parsing;

/// <summary>
/// The largest spec the generator reads. Each limit is checked before the work it protects: the size before
/// YamlDotNet sees the text, the nesting depth while YamlDotNet's parser streams events (before its recursive
/// document loader can go deeper, see <see cref="GuardedYamlParser"/>), the layer count before any layer is read,
/// the number of errors as they are reported (so an alias repeated thousands of times cannot multiply them).
/// Real specs are far below all three (the deepest example nests 7 levels and the longest has 20 layers).
/// </summary>
internal static class SpecLimits
{
    /// <summary>Characters of one spec file (1 MiB).</summary>
    public const int MaxCharacters = 1 << 20;

    /// <summary>Nested mappings and lists, the document's top-level mapping counting as 1.</summary>
    public const int MaxDepth = 32;

    /// <summary>Layers of one model, <c>layers:</c> and <c>decoder.head</c> together.</summary>
    public const int MaxLayers = 10_000;

    /// <summary>Errors reported for one spec before the parser stops.</summary>
    public const int MaxErrors = 100;

    /// <summary>Largest size or count a spec may write (2^24): far beyond any real layer, and far from overflow.</summary>
    public const long MaxSize = 1 << 24;
}
