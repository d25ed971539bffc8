namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>What a shard's header says about it: its class, its split and the source file it came from.</summary>
/// <param name="Class">The class name.</param>
/// <param name="Split">Train, Validation or Test.</param>
/// <param name="Source">The source file's name.</param>
public sealed record ShardMeta(string Class, string Split, string Source);
