namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>
/// What decides the contents of a cache (stored as <c>prepare.json</c>): a re-run with other values would mix two
/// different caches, so it is refused.
/// </summary>
/// <param name="ValidationFraction">The share of drawings (by key_id hash) in the validation split.</param>
/// <param name="TestFraction">The share in the test split.</param>
/// <param name="SplitSeed">The seed mixed into the key_id hash.</param>
/// <param name="MaxPerClass">The cap on drawings kept per source file, or null.</param>
/// <param name="PreprocessingVersion">See <see cref="DrawingCacheFormat.PreprocessingVersion"/>.</param>
/// <param name="ShardVersion">See <see cref="DrawingCacheFormat.ShardVersion"/>.</param>
public sealed record DrawingCacheSettings(double ValidationFraction, double TestFraction, ulong SplitSeed, int? MaxPerClass, int PreprocessingVersion, int ShardVersion);
