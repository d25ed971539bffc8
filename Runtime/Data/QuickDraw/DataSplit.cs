namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>The part of a data set an item belongs to.</summary>
public enum DataSplit
{
    /// <summary>Not used by any split (beyond a positional split's counts).</summary>
    None,

    /// <summary>Training data.</summary>
    Train,

    /// <summary>Validation data.</summary>
    Validation,

    /// <summary>Test data.</summary>
    Test,
}
