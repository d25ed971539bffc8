using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>One source file of a prepared cache: where it was, what it held, what was kept, and its shards.</summary>
/// <param name="File">The file name, relative to the source folder.</param>
/// <param name="Class">The class its drawings were given (the file name without its extension).</param>
/// <param name="Bytes">Its size when it was prepared.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex.</param>
/// <param name="LastWriteUtc">Its modification time when it was prepared (with the size, how a re-run sees it unchanged).</param>
/// <param name="Train">Drawings in the training split.</param>
/// <param name="Validation">Drawings in the validation split.</param>
/// <param name="Test">Drawings in the test split.</param>
/// <param name="Raw">Drawings that were in the raw format and went through Google's simplification.</param>
/// <param name="BadRecords">Bad records reported and left out.</param>
/// <param name="Duplicates">Records skipped because their key_id was already in the file.</param>
/// <param name="OverCap">Records left out by the per-class cap.</param>
/// <param name="Shards">The shard files, relative to the cache's shard folder.</param>
/// <param name="BlankLines">Blank lines skipped (text files); 0 in a record written before they were counted.</param>
public sealed record CacheSource(
    string File,
    string Class,
    long Bytes,
    string Sha256,
    DateTime LastWriteUtc,
    long Train,
    long Validation,
    long Test,
    long Raw,
    long BadRecords,
    long Duplicates,
    long OverCap,
    IReadOnlyList<string> Shards,
    long BlankLines = 0)
{
    /// <summary>All the drawings kept.</summary>
    public long Total => Train + Validation + Test;
}
