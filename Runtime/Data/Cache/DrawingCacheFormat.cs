using System;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>
/// The prepared drawing cache on disk. A cache folder holds <c>manifest.json</c> (<see cref="DrawingCacheManifest"/>),
/// <c>prepare.json</c> (the split and preprocessing it was made with) and <c>shards/</c>: one shard per source file and
/// split, <c>&lt;source file&gt;.&lt;split&gt;.qdshard</c>, plus <c>&lt;source file&gt;.source.json</c>, written last, which
/// marks the source as done (a re-run skips it). A shard, little-endian:
/// <list type="bullet">
/// <item>header, 32 bytes: magic <c>QDSHARD\n</c>, int32 version, int32 meta length, int64 record count, int64 index
/// offset; then the meta (UTF-8 JSON: class, split, source);</item>
/// <item>records: uint64 key_id, uint32 point count n, then n × (x uint8, y uint8, flags uint8 — bit 0: the point ends
/// its stroke); points are the drawing after Google's simplification (0–255, whole pixels);</item>
/// <item>index: int64 file offset of each record, then the index offset itself (count + 1 values);</item>
/// <item>footer: magic <c>QDSHEND\n</c>.</item>
/// </list>
/// Shards are written to a temporary file and moved into place, so a killed <c>prepare</c> never leaves a partial one.
/// </summary>
public static class DrawingCacheFormat
{
    /// <summary>The shard layout version this build writes and reads.</summary>
    public const int ShardVersion = 1;

    /// <summary>The manifest version this build writes and reads.</summary>
    public const int ManifestVersion = 1;

    /// <summary>
    /// The preprocessing version: 1 = Google's simplification (<see cref="Strokes.QuickDrawSimplification"/>) applied to
    /// raw drawings, simplified drawings stored as they are. A cache made with another version is refused.
    /// </summary>
    public const int PreprocessingVersion = 1;

    /// <summary>The shard file extension.</summary>
    public const string ShardExtension = ".qdshard";

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The file holding the settings a cache was prepared with.</summary>
    public const string SettingsFileName = "prepare.json";

    /// <summary>The sub-folder holding the shards.</summary>
    public const string ShardFolder = "shards";

    /// <summary>
    /// The suffix of a source's bad-record log in the shard folder (<c>&lt;file&gt;.bad.jsonl</c>, one JSON record per
    /// line): what lets a re-run that reuses the source list its bad records again.
    /// </summary>
    public const string BadRecordLogSuffix = ".bad.jsonl";

    /// <summary>The flag bit set on a stroke's last point.</summary>
    public const byte EndOfStroke = 1;

    internal const int HeaderBytes = 32;

    internal const int RecordHeaderBytes = 12;

    internal const string TempSuffix = ".tmp";

    internal static ReadOnlySpan<byte> ShardMagic => "QDSHARD\n"u8;

    internal static ReadOnlySpan<byte> FooterMagic => "QDSHEND\n"u8;
}
