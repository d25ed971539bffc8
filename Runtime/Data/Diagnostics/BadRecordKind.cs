namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>Why a record of an input file was rejected.</summary>
public enum BadRecordKind
{
    /// <summary>The record is not well-formed (broken or truncated JSON, a CSV line with the wrong number of fields).</summary>
    Malformed,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field has the wrong type (a number where a string is expected, a fractional time, ...).</summary>
    WrongType,

    /// <summary>The drawing has no strokes, or a stroke has no points.</summary>
    EmptyDrawing,

    /// <summary>A value is outside its valid range (a simplified coordinate above 255, a negative count, ...).</summary>
    OutOfRange,

    /// <summary>The x, y (and t) arrays of a stroke differ in length, or a stroke has the wrong number of arrays.</summary>
    InconsistentStroke,

    /// <summary>The input ends in the middle of a record.</summary>
    Truncated,

    /// <summary>The record contradicts itself or an earlier record (same date with other values, a total that is not the sum of its parts).</summary>
    Conflict,

    /// <summary>The file's layout is not the one this reader handles (npy dtype or shape, pickle opcode, ...).</summary>
    UnsupportedFormat,

    /// <summary>The record's bytes are not valid text in the format's encoding (invalid UTF-8 in an ndjson line).</summary>
    InvalidEncoding,

    /// <summary>The file could not be opened or read (missing, a broken link, no permission, an I/O error); the whole file counts as one bad record.</summary>
    Unreadable,
}
