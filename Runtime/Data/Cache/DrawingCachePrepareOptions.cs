using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>How <see cref="DrawingCachePreparer"/> builds a cache.</summary>
public sealed record DrawingCachePrepareOptions
{
    /// <summary>The share of drawings in the validation split, by key_id hash (default 0.05).</summary>
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>The share of drawings in the test split, by key_id hash (default 0.05); never the same drawings as validation.</summary>
    public double TestFraction { get; init; } = 0.05;

    /// <summary>The seed mixed into the key_id hash (default 0).</summary>
    public ulong SplitSeed { get; init; }

    /// <summary>Keep at most this many drawings per source file (the first ones); null keeps all.</summary>
    public int? MaxPerClass { get; init; }

    /// <summary>Only these classes (file names without extension); null takes every <c>.ndjson</c> and <c>.bin</c> file.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Source files read at the same time (default: the processor count).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Skip and report bad records (default), or stop at the first.</summary>
    public BadRecordPolicy BadRecords { get; init; } = BadRecordPolicy.SkipAndReport;

    /// <summary>
    /// Called with every bad record of every source, one call at a time: those of sources prepared by an earlier run
    /// first (read back from their logs, in file order), then those met now (from worker threads).
    /// </summary>
    public Action<BadRecord>? OnBadRecord { get; init; }

    /// <summary>Called when a source file is done (from worker threads, one call at a time); the flag says it was already prepared and is reused.</summary>
    public Action<CacheSource, bool>? OnSourceDone { get; init; }
}
