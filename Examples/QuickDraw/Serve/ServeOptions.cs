namespace QuickDrawDsl.Examples.QuickDraw.Serve;

/// <summary>What <c>quickdraw serve</c> accepts in one request; validated when the app starts (<see cref="ServeOptionsValidator"/>).</summary>
internal sealed class ServeOptions
{
    /// <summary>The largest request body, in bytes (<c>--max-body-bytes</c>).</summary>
    public int MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>The most strokes in one drawing (<c>--max-strokes</c>); Google's simplified files have up to a few hundred.</summary>
    public int MaxStrokes { get; set; } = 512;

    /// <summary>The most points in one drawing, over all strokes (<c>--max-points</c>): about three minutes of drawing at 120 Hz.</summary>
    public int MaxPoints { get; set; } = 20_000;

    /// <summary>Coordinates must lie within ± this many pixels.</summary>
    public float MaxCoordinate { get; set; } = 1_000_000f;

    /// <summary>How many labels a prediction returns, at most (fewer when the model has fewer classes).</summary>
    public int TopK { get; set; } = 3;
}
