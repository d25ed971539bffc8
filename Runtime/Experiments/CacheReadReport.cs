using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>
/// The read report of a prepared cache (<c>data: {format: quickdraw_cache}</c>): the counts its sources were prepared
/// with, and the bad records their logs kept, so that a run on the cache reports and bounds bad records as a run on the
/// source files would.
/// </summary>
public static class CacheReadReport
{
    /// <summary>Builds the report of an open cache.</summary>
    /// <param name="cache">The cache.</param>
    /// <param name="onBadRecord">Called with each bad record, in source order.</param>
    /// <returns>The report (accepted: every drawing in the cache).</returns>
    /// <exception cref="DrawingCacheException">A bad-record log is missing or broken.</exception>
    public static DataReadReport Of(DrawingCache cache, Action<BadRecord>? onBadRecord = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var report = new DataReadReport(observer: onBadRecord);
        string shards = Path.Combine(cache.Folder, DrawingCacheFormat.ShardFolder);
        foreach (CacheSource source in cache.Manifest.Sources)
        {
            report.AddCounts(source.Total, source.Duplicates, source.OverCap, source.BlankLines);
            if (source.BadRecords == 0)
            {
                continue;
            }

            string log = Path.Combine(shards, source.File + DrawingCacheFormat.BadRecordLogSuffix);
            try
            {
                foreach (string line in File.ReadLines(log).Where(l => l.Length > 0))
                {
                    BadRecord record = JsonSerializer.Deserialize(line, BadRecordLogJsonContext.Default.BadRecord)
                        ?? throw new DrawingCacheException(log, "holds an empty line record; run quickdraw prepare again");
                    report.Reject(record, BadRecordPolicy.SkipAndReport);
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                throw new DrawingCacheException(log, $"cannot be read ({ex.Message}); run quickdraw prepare again", ex);
            }
        }

        return report;
    }
}
