using System.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary><c>GET /api/model</c> (what the model is and how drawings are prepared for it) and <c>GET /api/model/onnx</c> (the file, for the browser).</summary>
internal static class ModelEndpoints
{
    public const string Route = "/api/model";

    public const string OnnxRoute = "/api/model/onnx";

    public static ModelDescription Describe(SketchModel model, IOptions<ServeOptions> options)
    {
        ServeOptions limits = options.Value;
        return new ModelDescription(
            model.Name,
            model.Labels,
            model.Inputs.Select(Tensor).ToArray(),
            model.Outputs.Select(Tensor).ToArray(),
            model.Preprocessing,
            OnnxRoute,
            System.Math.Min(limits.TopK, model.Labels.Count),
            new RequestLimits(limits.MaxBodyBytes, limits.MaxStrokes, limits.MaxPoints, limits.MaxCoordinate));
    }

    public static IResult Onnx(SketchModel model) => TypedResults.PhysicalFile(model.OnnxPath, "application/octet-stream");

    private static TensorDescription Tensor(OnnxTensorSpec spec) => new(
        spec.Name,
        spec.ElementType switch { OnnxElementType.Float => "float32", OnnxElementType.Int64 => "int64", _ => spec.ElementType.ToString().ToLowerInvariant() },
        spec.Dims.Select(d => d.ToString()).ToArray());
}
