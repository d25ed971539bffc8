using System;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>Filtering, capping and error handling shared by the QuickDraw readers.</summary>
public sealed record QuickDrawReadOptions
{
    /// <summary>Keep at most this many drawings per class (<see cref="Drawing.Word"/>); null for no cap.</summary>
    public int? MaxPerClass { get; init; }

    /// <summary>
    /// Google's files hold one class each: when true (the default), a file stops being read as soon as its class
    /// has reached <see cref="MaxPerClass"/>, so a cap of 100 reads about 100 lines of a multi-GB file.
    /// When false, the whole file is read and drawings of capped classes are skipped.
    /// </summary>
    public bool OneClassPerFile { get; init; } = true;

    /// <summary>
    /// Require QuickDraw's metadata on every line (default true): <c>word</c>, <c>countrycode</c>, <c>timestamp</c>,
    /// <c>recognized</c> and <c>key_id</c>. When false only <c>drawing</c> is required, for drawings of one's own (a web
    /// canvas, another tool); a missing field then reads as empty (<see cref="Drawing.Word"/>,
    /// <see cref="Drawing.CountryCode"/>), the Unix epoch, recognized, and key 0. A field that is present is still checked.
    /// </summary>
    public bool RequireMetadata { get; init; } = true;

    /// <summary>Keep only drawings the game recognized.</summary>
    public bool RecognizedOnly { get; init; }

    /// <summary>
    /// Skip a drawing whose <see cref="Drawing.KeyId"/> was already returned by the same reader instance (default true).
    /// The reader keeps one 64-bit key per accepted drawing, so memory grows with the number of drawings kept, not with file size.
    /// </summary>
    public bool DeduplicateKeyIds { get; init; } = true;

    /// <summary>Skip and report bad records (default) or throw at the first one.</summary>
    public BadRecordPolicy BadRecords { get; init; } = BadRecordPolicy.SkipAndReport;

    /// <summary>How many bad records the report keeps as examples.</summary>
    public int MaxReportExamples { get; init; } = 10;

    /// <summary>The stroke layout ndjson readers expect.</summary>
    public QuickDrawStrokeFormat StrokeFormat { get; init; } = QuickDrawStrokeFormat.Auto;

    /// <summary>A longer ndjson line is reported as malformed and skipped without being buffered whole.</summary>
    public int MaxLineBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Raw coordinates are screen pixels; a value farther from 0 than this is reported as
    /// <see cref="BadRecordKind.OutOfRange"/> (default 1,000,000: a value like <c>3e38</c> would overflow every later
    /// computation and poison training with NaN). Simplified coordinates are always 0..255.
    /// </summary>
    public double MaxAbsCoordinate { get; init; } = 1_000_000;

    /// <summary>Called with every bad record as it is met (e.g. to stream a full report to a file); null for none.</summary>
    public Action<BadRecord>? OnBadRecord { get; init; }
}
