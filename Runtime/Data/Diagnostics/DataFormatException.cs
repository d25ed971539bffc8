using System;

namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>Thrown for a bad record in strict mode, or for a file whose layout cannot be read at all.</summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="record"/>; the message is <c>source line N: Kind: reason</c>.</summary>
    /// <param name="record">The rejected record.</param>
    public DataFormatException(BadRecord record)
        : base((record ?? throw new ArgumentNullException(nameof(record))).ToString())
    {
        Record = record;
    }

    /// <summary>Creates the exception for <paramref name="record"/> with the error that revealed it.</summary>
    /// <param name="record">The rejected record.</param>
    /// <param name="innerException">The underlying error.</param>
    public DataFormatException(BadRecord record, Exception? innerException)
        : base((record ?? throw new ArgumentNullException(nameof(record))).ToString(), innerException)
    {
        Record = record;
    }

    /// <summary>The rejected record: file, position, kind and reason.</summary>
    public BadRecord Record { get; }
}
