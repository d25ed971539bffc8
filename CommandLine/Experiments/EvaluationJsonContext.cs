using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>Source-generated JSON for the metrics that <c>evaluate</c> writes.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext
{
}
