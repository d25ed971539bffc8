using System.Collections.Generic;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>The answer of <c>POST /api/predict</c>: the most likely labels, most likely first.</summary>
/// <param name="Predictions">Up to three labels with their probabilities.</param>
internal sealed record PredictResponse(IReadOnlyList<LabelProbability> Predictions);
