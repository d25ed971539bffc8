namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// The prepared cache a run streams (<c>train --cache</c>), as run.json records it: <c>--resume</c> continues only on the
/// same manifest, and <c>evaluate</c> / <c>export</c> rebuild the test split from it.
/// </summary>
/// <param name="ManifestSha256">The SHA-256 of the cache's manifest.json when training started (lower-case hex).</param>
/// <param name="Train">Drawings in its training split.</param>
/// <param name="Validation">Drawings in its validation split (what training reports its accuracy on).</param>
/// <param name="Test">Drawings in its test split (what <c>evaluate</c> reports).</param>
internal sealed record RunCache(string ManifestSha256, long Train, long Validation, long Test);
