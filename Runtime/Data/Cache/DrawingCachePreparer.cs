using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>
/// Converts a folder of Google's per-class files (simplified or raw <c>.ndjson</c>, <c>.bin</c>) into a prepared cache
/// (<see cref="DrawingCacheFormat"/>): streaming, several files at once, raw drawings through Google's simplification,
/// splits by a stable hash of key_id (so adding files never moves a drawing), bad records reported and left out.
/// Interrupted (even by kill -9), a re-run keeps every source file already done and redoes only the rest; nothing
/// half-written is ever read, because every file is written aside and moved into place. Each source's bad records are
/// logged beside its shards, so a re-run reports those of the sources it reuses too.
/// </summary>
public static class DrawingCachePreparer
{
    /// <summary>Prepares (or completes) a cache.</summary>
    /// <param name="sourceFolder">The folder of <c>&lt;class&gt;.ndjson</c> / <c>&lt;class&gt;.bin</c> files.</param>
    /// <param name="cacheFolder">The cache folder (created if needed).</param>
    /// <param name="options">Split, cap, parallelism, reporting; null for the defaults.</param>
    /// <param name="cancellationToken">Stops between records; what is done stays done.</param>
    /// <returns>The manifest and the read report.</returns>
    /// <exception cref="DrawingCacheException">No source files, a missing class, another prepare running in the folder, or a cache made with other settings.</exception>
    /// <exception cref="DataFormatException">Strict mode only: the first bad record.</exception>
    public static DrawingCachePrepareResult Prepare(string sourceFolder, string cacheFolder, DrawingCachePrepareOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceFolder);
        ArgumentException.ThrowIfNullOrEmpty(cacheFolder);
        options ??= new DrawingCachePrepareOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1, "options.Parallelism");
        var policy = new HashSplitPolicy(options.ValidationFraction, options.TestFraction, options.SplitSeed);
        List<string> files = SourceFiles(sourceFolder, options.Classes);
        string shardFolder = Path.Combine(cacheFolder, DrawingCacheFormat.ShardFolder);
        Directory.CreateDirectory(shardFolder);
        using FileStream lockFile = Lock(cacheFolder);
        var settings = new DrawingCacheSettings(options.ValidationFraction, options.TestFraction, options.SplitSeed, options.MaxPerClass, DrawingCacheFormat.PreprocessingVersion, DrawingCacheFormat.ShardVersion);
        CheckSettings(cacheFolder, settings);
        foreach (string stale in Directory.EnumerateFiles(shardFolder, "*" + DrawingCacheFormat.TempSuffix)
            .Concat(Directory.EnumerateFiles(cacheFolder, "*" + DrawingCacheFormat.TempSuffix)))
        {
            // The lock is ours: any temporary file is what a killed run left.
            File.Delete(stale);
        }

        var done = new CacheSource?[files.Count];
        var pending = new List<int>();
        for (int i = 0; i < files.Count; i++)
        {
            done[i] = Reusable(sourceFolder, shardFolder, files[i]);
            if (done[i] is null)
            {
                pending.Add(i);
            }
        }

        var gate = new object();
        var report = new DataReadReport();
        Action<BadRecord>? onBad = options.OnBadRecord is null ? null : r =>
        {
            lock (gate)
            {
                options.OnBadRecord(r);
            }
        };
        foreach (CacheSource reused in done.OfType<CacheSource>())
        {
            // A source done by an earlier (perhaps killed) run: its bad records are listed again from its log, so the
            // report and the bad-record policy cover every source, not only those read this time.
            report.Add(Replay(shardFolder, reused, options.BadRecords, onBad));
            options.OnSourceDone?.Invoke(reused, true);
        }

        Parallel.ForEach(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            i =>
            {
                (CacheSource source, DataReadReport fileReport) = PrepareOne(sourceFolder, shardFolder, files[i], policy, options, onBad, cancellationToken);
                lock (gate)
                {
                    done[i] = source;
                    report.Add(fileReport);
                    options.OnSourceDone?.Invoke(source, false);
                }
            });

        List<CacheSource> sources = done.Select(s => s!).ToList();
        var manifest = new DrawingCacheManifest(
            DrawingCacheFormat.ManifestVersion,
            settings,
            QuickDrawSimplification.Description + " (raw drawings only; simplified drawings are stored as they are)",
            sources.Select(s => s.Class).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            sources.Sum(s => s.Train),
            sources.Sum(s => s.Validation),
            sources.Sum(s => s.Test),
            sources);
        WriteAtomically(Path.Combine(cacheFolder, DrawingCacheFormat.ManifestFileName), JsonSerializer.SerializeToUtf8Bytes(manifest, DrawingCacheJsonContext.Default.DrawingCacheManifest));
        return new DrawingCachePrepareResult(manifest, report, pending.Count, files.Count - pending.Count);
    }

    /// <summary>The shard file name of a source file's split.</summary>
    /// <param name="sourceFile">The source file's name.</param>
    /// <param name="split">The split.</param>
    /// <returns>The shard's file name.</returns>
    public static string ShardName(string sourceFile, DataSplit split) =>
        $"{sourceFile}.{split.ToString().ToLowerInvariant()}{DrawingCacheFormat.ShardExtension}";

    private static List<string> SourceFiles(string folder, IReadOnlyList<string>? classes)
    {
        if (!Directory.Exists(folder))
        {
            throw new DrawingCacheException(folder, "does not exist; pass the folder holding <category>.ndjson or <category>.bin files (quickdraw download writes one)");
        }

        var files = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f.EndsWith(".ndjson", StringComparison.Ordinal) || f.EndsWith(".bin", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (classes is not null)
        {
            var wanted = new HashSet<string>(classes, StringComparer.Ordinal);
            foreach (string c in classes.Where(c => !files.Any(f => Path.GetFileNameWithoutExtension(f) == c)))
            {
                throw new DrawingCacheException(folder, $"has no {c}.ndjson or {c}.bin for category '{c}'; download it, or leave it out of the categories");
            }

            files = files.Where(f => wanted.Contains(Path.GetFileNameWithoutExtension(f))).ToList();
        }

        if (files.Count == 0)
        {
            throw new DrawingCacheException(folder, "holds no .ndjson or .bin file; pass the folder that quickdraw download wrote");
        }

        return files;
    }

    private static FileStream Lock(string cacheFolder)
    {
        string path = Path.Combine(cacheFolder, ".prepare.lock");
        try
        {
            // Released by the OS when the process ends, however it ends.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex)
        {
            throw new DrawingCacheException(cacheFolder, $"is being prepared by another process ({ex.Message}); wait for it, or use another --output", ex);
        }
    }

    private static void CheckSettings(string cacheFolder, DrawingCacheSettings settings)
    {
        string path = Path.Combine(cacheFolder, DrawingCacheFormat.SettingsFileName);
        if (File.Exists(path))
        {
            DrawingCacheSettings? saved;
            try
            {
                saved = JsonSerializer.Deserialize(File.ReadAllBytes(path), DrawingCacheJsonContext.Default.DrawingCacheSettings);
            }
            catch (JsonException ex)
            {
                throw new DrawingCacheException(path, $"is not valid JSON ({ex.Message}); delete the cache folder and prepare again", ex);
            }

            if (saved != settings)
            {
                throw new DrawingCacheException(cacheFolder, $"was prepared with other settings ({Describe(saved)}; asked for {Describe(settings)}); use another --output, or delete the folder to start over");
            }

            return;
        }

        WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(settings, DrawingCacheJsonContext.Default.DrawingCacheSettings));
    }

    private static string Describe(DrawingCacheSettings? s) => s is null ? "unknown" :
        FormattableString.Invariant($"validation {s.ValidationFraction}, test {s.TestFraction}, split seed {s.SplitSeed}, cap {(s.MaxPerClass is int cap ? cap.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}, preprocessing v{s.PreprocessingVersion}, shards v{s.ShardVersion}");

    private static string RecordPath(string shardFolder, string file) => Path.Combine(shardFolder, file + ".source.json");

    private static string BadRecordLogPath(string shardFolder, string file) => Path.Combine(shardFolder, file + DrawingCacheFormat.BadRecordLogSuffix);

    // The source's log holds exactly its BadRecords records, each readable (a source without bad records needs none).
    private static bool BadRecordLogIsComplete(string shardFolder, CacheSource source)
    {
        if (source.BadRecords == 0)
        {
            return true;
        }

        string path = BadRecordLogPath(shardFolder, source.File);
        if (!File.Exists(path))
        {
            return false;
        }

        long count = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length > 0)
            {
                if (ReadBadRecord(line) is null)
                {
                    return false;
                }

                count++;
            }
        }

        return count == source.BadRecords;
    }

    private static BadRecord? ReadBadRecord(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, BadRecordLogJsonContext.Default.BadRecord) is { Source: not null, Unit: not null, Reason: not null } record ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A reused source's counts, and its bad records given to the observer again (or thrown, in strict mode), in file order.
    private static DataReadReport Replay(string shardFolder, CacheSource source, BadRecordPolicy policy, Action<BadRecord>? onBad)
    {
        var report = new DataReadReport(observer: onBad);
        report.AddCounts(source.Total, source.Duplicates, source.OverCap, source.BlankLines);
        if (source.BadRecords > 0)
        {
            foreach (string line in File.ReadLines(BadRecordLogPath(shardFolder, source.File)).Where(l => l.Length > 0))
            {
                report.Reject(ReadBadRecord(line)!, policy);
            }
        }

        return report;
    }

    // A source prepared by an earlier run is kept when its size and modification time are unchanged and its shards exist.
    private static CacheSource? Reusable(string sourceFolder, string shardFolder, string file)
    {
        string record = RecordPath(shardFolder, file);
        if (!File.Exists(record))
        {
            return null;
        }

        CacheSource? saved;
        try
        {
            saved = JsonSerializer.Deserialize(File.ReadAllBytes(record), DrawingCacheJsonContext.Default.CacheSource);
        }
        catch (JsonException)
        {
            return null;
        }

        var info = new FileInfo(Path.Combine(sourceFolder, file));
        bool unchanged = saved is not null && saved.Shards is not null && saved.Bytes == info.Length && saved.LastWriteUtc == info.LastWriteTimeUtc
            && saved.Shards.All(s => File.Exists(Path.Combine(shardFolder, s))) && BadRecordLogIsComplete(shardFolder, saved);
        return unchanged ? saved : null;
    }

    private static (CacheSource Source, DataReadReport Report) PrepareOne(string sourceFolder, string shardFolder, string file, HashSplitPolicy policy, DrawingCachePrepareOptions options, Action<BadRecord>? onBad, CancellationToken cancellationToken)
    {
        string path = Path.Combine(sourceFolder, file);
        string className = Path.GetFileNameWithoutExtension(file);
        var info = new FileInfo(path);
        DateTime lastWrite = info.LastWriteTimeUtc;
        string hash;
        using (FileStream hashed = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(hashed));
        }

        // Every bad record goes to the source's log as it is met (memory stays bounded), and on to the caller's observer.
        string badLog = BadRecordLogPath(shardFolder, file);
        string badLogTemp = badLog + "." + Guid.NewGuid().ToString("N") + DrawingCacheFormat.TempSuffix;
        using var badLogWriter = new StreamWriter(badLogTemp, append: false, new UTF8Encoding(false));
        void OnBad(BadRecord record)
        {
            badLogWriter.WriteLine(JsonSerializer.Serialize(record, BadRecordLogJsonContext.Default.BadRecord));
            onBad?.Invoke(record);
        }

        var readOptions = new QuickDrawReadOptions { MaxPerClass = options.MaxPerClass, BadRecords = options.BadRecords, OnBadRecord = OnBad };
        DataReadReport report;
        IEnumerable<Drawing> drawings;
        if (file.EndsWith(".bin", StringComparison.Ordinal))
        {
            var reader = new QuickDrawBinaryReader(readOptions);
            report = reader.Report;
            drawings = reader.ReadFile(path, className);
        }
        else
        {
            var reader = new QuickDrawNdjsonReader(readOptions);
            report = reader.Report;
            drawings = reader.ReadFile(path);
        }

        DataSplit[] splits = [DataSplit.Train, DataSplit.Validation, DataSplit.Test];
        var writers = splits.ToDictionary(s => s, s => new DrawingShardWriter(Path.Combine(shardFolder, ShardName(file, s)), className, s, file));
        long raw = 0, seen = 0;
        try
        {
            foreach (Drawing drawing in drawings)
            {
                if ((++seen & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                IReadOnlyList<Stroke> strokes = drawing.Strokes;
                if (!QuickDrawSimplification.IsSimplified(strokes))
                {
                    strokes = QuickDrawSimplification.Simplify(strokes);
                    raw++;
                }

                writers[policy.Assign(drawing.KeyId, 0)].Add(drawing.KeyId, strokes);
            }

            foreach (DrawingShardWriter w in writers.Values)
            {
                w.Commit();
            }

            badLogWriter.Flush();
            ((FileStream)badLogWriter.BaseStream).Flush(flushToDisk: true);
            badLogWriter.Dispose();
            File.Move(badLogTemp, badLog, overwrite: true);

            var source = new CacheSource(
                file,
                className,
                info.Length,
                hash,
                lastWrite,
                writers[DataSplit.Train].Count,
                writers[DataSplit.Validation].Count,
                writers[DataSplit.Test].Count,
                raw,
                report.BadRecords,
                report.DuplicatesSkipped,
                report.OverCapSkipped,
                splits.Select(s => ShardName(file, s)).ToList(),
                report.BlankLinesSkipped);

            // Written last: its presence is what marks the source as done.
            WriteAtomically(RecordPath(shardFolder, file), JsonSerializer.SerializeToUtf8Bytes(source, DrawingCacheJsonContext.Default.CacheSource));
            return (source, report);
        }
        finally
        {
            foreach (DrawingShardWriter w in writers.Values)
            {
                w.Dispose();
            }

            badLogWriter.Dispose();
            File.Delete(badLogTemp);
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N") + DrawingCacheFormat.TempSuffix;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
