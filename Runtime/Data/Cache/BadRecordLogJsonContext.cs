using System.Text.Json.Serialization;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>
/// Source-generated JSON for a source's bad-record log (<c>shards/&lt;file&gt;.bad.jsonl</c>): one record per line, so
/// the log is written as records are met and read back one line at a time.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BadRecord))]
internal sealed partial class BadRecordLogJsonContext : JsonSerializerContext
{
}
