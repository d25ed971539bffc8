namespace QuickDrawDsl.Runtime.Data.QuickDraw.Download;

/// <summary>Which of Google's per-category files to fetch.</summary>
public enum QuickDrawFormat
{
    /// <summary><c>full/simplified/{category}.ndjson</c>: simplified strokes, one JSON drawing per line.</summary>
    SimplifiedNdjson,

    /// <summary><c>full/binary/{category}.bin</c>: the same drawings in Google's packed binary format.</summary>
    Binary,
}
