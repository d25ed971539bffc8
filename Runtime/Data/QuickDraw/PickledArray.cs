namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>A numpy array rebuilt from a pickle: shape, dtype, order and raw data (bytes, or a list for object arrays).</summary>
internal sealed class PickledArray
{
    public long[] Shape { get; set; } = [];

    public PickledDtype? Dtype { get; set; }

    public bool FortranOrder { get; set; }

    public object? Data { get; set; }
}
