using System.Text.Json.Serialization;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>Source-generated JSON for the cache's files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DrawingCacheManifest))]
[JsonSerializable(typeof(DrawingCacheSettings))]
[JsonSerializable(typeof(CacheSource))]
[JsonSerializable(typeof(ShardMeta))]
internal sealed partial class DrawingCacheJsonContext : JsonSerializerContext
{
}
