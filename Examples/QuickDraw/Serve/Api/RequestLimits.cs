namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>What one <c>POST /api/predict</c> may hold.</summary>
/// <param name="MaxBodyBytes">The largest body, in bytes.</param>
/// <param name="MaxStrokes">The most strokes.</param>
/// <param name="MaxPoints">The most points over all strokes.</param>
/// <param name="MaxCoordinate">Coordinates lie within ± this.</param>
internal sealed record RequestLimits(int MaxBodyBytes, int MaxStrokes, int MaxPoints, float MaxCoordinate);
