namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>Why a <see cref="DataQualityPolicy"/> refused a read.</summary>
public enum DataQualityProblem
{
    /// <summary>A class has no usable record left.</summary>
    EmptyClass,

    /// <summary>More records are bad than <see cref="DataQualityPolicy.MaxBadFraction"/> allows.</summary>
    TooManyBadRecords,
}
