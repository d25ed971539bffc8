namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>Which stroke layout an ndjson reader expects in <c>drawing</c>.</summary>
public enum QuickDrawStrokeFormat
{
    /// <summary>Either layout, per stroke: <c>[[x],[y]]</c> or <c>[[x],[y],[t]]</c>, real-valued coordinates, no range check.</summary>
    Auto,

    /// <summary>Google's simplified files: <c>[[x],[y]]</c> with integers 0..255.</summary>
    Simplified,

    /// <summary>Google's raw files: <c>[[x],[y],[t]]</c> with real x, y and integer t (ms, not negative).</summary>
    Raw,
}
