namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>Why a <see cref="DataQualityPolicy"/> refused a read.</summary>
public enum DataQualityProblem
{
    /// <summary>A class has no usable record left.</summary>
    EmptyClass,

    /// <summary>
    /// A class has usable records, but none in the training split: all of them were held out for validation or test
    /// (a hash split can do that to a class with few records).
    /// </summary>
    NoTrainingRecord,

    /// <summary>More records are bad than <see cref="DataQualityPolicy.MaxBadFraction"/> allows.</summary>
    TooManyBadRecords,
}
