namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>An open shard and the class index of its drawings.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Label">The class index (into the manifest's classes).</param>
public sealed record CacheShard(DrawingShard Shard, int Label);
