namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>A numpy dtype rebuilt from a pickle: its type string (<c>i2</c>, <c>O8</c>) and byte order (<c>&lt;</c>, <c>|</c>).</summary>
internal sealed class PickledDtype(string type)
{
    public string Type { get; } = type;

    public string ByteOrder { get; set; } = "=";
}
