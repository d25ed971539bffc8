using System;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>Internal signal from a record parser to its reader: this record is bad, for this reason.</summary>
internal sealed class RecordRejectedException : Exception
{
    public RecordRejectedException(BadRecordKind kind, string reason, Exception? inner = null)
        : base(reason, inner)
    {
        Kind = kind;
    }

    public BadRecordKind Kind { get; }
}
