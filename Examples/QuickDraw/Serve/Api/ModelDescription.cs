using System.Collections.Generic;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>The answer of <c>GET /api/model</c>: what the page needs to draw, limit and (in the browser) run the model.</summary>
/// <param name="Name">The model's name in its spec.</param>
/// <param name="Labels">The class labels, in output order.</param>
/// <param name="Inputs">The model's inputs (strokes [batch, time, 5] and lengths [batch]).</param>
/// <param name="Outputs">The model's outputs.</param>
/// <param name="Preprocessing">What a drawing goes through before the model, as recorded at export.</param>
/// <param name="Onnx">Where to fetch the model file.</param>
/// <param name="TopK">How many labels a prediction returns.</param>
/// <param name="Limits">What one request may hold.</param>
internal sealed record ModelDescription(
    string Name,
    IReadOnlyList<string> Labels,
    IReadOnlyList<TensorDescription> Inputs,
    IReadOnlyList<TensorDescription> Outputs,
    SketchPreprocessing Preprocessing,
    string Onnx,
    int TopK,
    RequestLimits Limits);
