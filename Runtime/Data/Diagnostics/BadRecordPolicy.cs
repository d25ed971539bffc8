namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>What a reader does with a bad record.</summary>
public enum BadRecordPolicy
{
    /// <summary>Skip it, count it and keep an example in the <see cref="DataReadReport"/> (the default).</summary>
    SkipAndReport,

    /// <summary>Throw a <see cref="DataFormatException"/> at the first bad record (strict mode).</summary>
    Throw,
}
