using System.Text.Json.Serialization;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>Source-generated JSON for <see cref="Preprocessing"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Preprocessing))]
internal sealed partial class PreprocessingJsonContext : JsonSerializerContext
{
}
