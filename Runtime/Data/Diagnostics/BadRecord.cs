using System.Globalization;

namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>One rejected record: where it is and why it was rejected.</summary>
/// <param name="Source">The file (or archive member) the record comes from.</param>
/// <param name="Unit">What <paramref name="Index"/> counts: <c>"line"</c> (1-based) for text formats, <c>"record"</c> (0-based) for binary ones.</param>
/// <param name="Index">The line number or record index.</param>
/// <param name="Kind">The category of the problem.</param>
/// <param name="Reason">A human-readable explanation.</param>
public sealed record BadRecord(string Source, string Unit, long Index, BadRecordKind Kind, string Reason)
{
    /// <summary>Formats the record as <c>source line N: Kind: reason</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Source} {Unit} {Index}: {Kind}: {Reason}");
}
