namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>A drawing's points, centred and scaled into [-1, 1], with the strokes' ends marked, and its label.</summary>
internal sealed record SketchSample(float[] X, float[] Y, bool[] End, int Label)
{
    public int Length => X.Length;
}
