using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>A prepared cache's <c>manifest.json</c>: classes, counts per split, sources, and how it was made.</summary>
/// <param name="Version">The manifest version (<see cref="DrawingCacheFormat.ManifestVersion"/>).</param>
/// <param name="Settings">The split and preprocessing the cache was made with.</param>
/// <param name="Preprocessing">What was done to raw drawings, in words.</param>
/// <param name="Classes">The class names, ordinal order; a label is an index into it.</param>
/// <param name="Train">Drawings in the training split.</param>
/// <param name="Validation">Drawings in the validation split.</param>
/// <param name="Test">Drawings in the test split.</param>
/// <param name="Sources">The source files, by file name.</param>
public sealed record DrawingCacheManifest(
    int Version,
    DrawingCacheSettings Settings,
    string Preprocessing,
    IReadOnlyList<string> Classes,
    long Train,
    long Validation,
    long Test,
    IReadOnlyList<CacheSource> Sources);
