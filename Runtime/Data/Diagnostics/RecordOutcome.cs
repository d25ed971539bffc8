namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>What became of one record of an input: accepted (<see cref="Value"/>) or rejected (<see cref="Rejection"/>).</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Position">The record's line number (1-based, text formats) or index (0-based, binary formats).</param>
/// <param name="Value">The accepted record, or null when it was rejected.</param>
/// <param name="Rejection">Why it was rejected, or null when it was accepted.</param>
public sealed record RecordOutcome<T>(long Position, T? Value, BadRecord? Rejection)
    where T : class
{
    /// <summary>Whether the record was accepted.</summary>
    public bool Accepted => Value is not null;
}
