namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>How a <c>data:</c> section assigns records to the validation and test splits (<c>splits.by:</c>).</summary>
public enum SplitMethod
{
    /// <summary>By a hash of each record's identity: stable when files grow or are reordered (<c>hash</c>).</summary>
    Hash,

    /// <summary>By position: the last records of each class (or of a series) are held out, in order (<c>position</c>).</summary>
    Position,
}
