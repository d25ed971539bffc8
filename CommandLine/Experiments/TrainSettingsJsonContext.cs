using System.Text.Json.Serialization;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>Source-generated JSON for <see cref="TrainSettings"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(TrainSettings))]
internal sealed partial class TrainSettingsJsonContext : JsonSerializerContext
{
}
