using System.Text.Json.Serialization;
using QuickDrawDsl.Examples.QuickDraw.Serve.Api;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>Source-generated JSON for the model metadata the example writes and for the serve API's bodies.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SketchPreprocessing))]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(PredictResponse))]
[JsonSerializable(typeof(ModelDescription))]
internal sealed partial class QuickDrawJsonContext : JsonSerializerContext;
