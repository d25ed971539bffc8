namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>
/// The body of <c>POST /api/predict</c>, as the OpenAPI document describes it: QuickDraw strokes, each
/// <c>[[x...], [y...]]</c> or <c>[[x...], [y...], [t...]]</c> (raw canvas pixels with times in ms, or simplified 0–255).
/// <see cref="DrawingParser"/> reads the body itself, to say exactly what is wrong with a bad one.
/// </summary>
/// <param name="Drawing">The strokes.</param>
internal sealed record PredictRequest(double[][][] Drawing);
