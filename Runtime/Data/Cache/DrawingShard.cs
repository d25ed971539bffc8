using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Text.Json;
using QuickDrawDsl.Runtime.Data.QuickDraw;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>
/// One shard of a prepared cache, memory-mapped read-only: records are read straight from the page cache, so the
/// process holds no copy of the data (resident memory is shared, reclaimable file pages). Thread-safe for reading.
/// </summary>
public sealed class DrawingShard : IDisposable
{
    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor view;
    private readonly long indexStart;

    private DrawingShard(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, long count, long indexStart, ShardMeta meta)
    {
        Path = path;
        this.file = file;
        this.view = view;
        Count = count;
        this.indexStart = indexStart;
        Meta = meta;
        Split = Enum.Parse<DataSplit>(meta.Split);
    }

    /// <summary>The shard file.</summary>
    public string Path { get; }

    /// <summary>Class, split and source, from the header.</summary>
    public ShardMeta Meta { get; }

    /// <summary>The split the shard's drawings belong to.</summary>
    public DataSplit Split { get; }

    /// <summary>The number of drawings.</summary>
    public long Count { get; }

    /// <summary>Opens and checks a shard (magic, version, sizes, footer); the records are checked as they are read.</summary>
    /// <param name="path">The shard file.</param>
    /// <returns>The open shard.</returns>
    /// <exception cref="DrawingCacheException">Missing, truncated, another version, or not a shard.</exception>
    public static DrawingShard Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new DrawingCacheException(path, "is missing; prepare the cache again (quickdraw prepare resumes where it stopped)");
        }

        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DrawingCacheException(path, $"cannot be read: {ex.Message}", ex);
        }

        if (length < DrawingCacheFormat.HeaderBytes + 16)
        {
            throw Corrupt(path, $"is truncated ({length} bytes)");
        }

        MemoryMappedFile? mapped = null;
        MemoryMappedViewAccessor? view = null;
        try
        {
            mapped = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            view = mapped.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            Span<byte> header = stackalloc byte[DrawingCacheFormat.HeaderBytes];
            Read(view, 0, header);
            if (!header[..8].SequenceEqual(DrawingCacheFormat.ShardMagic))
            {
                throw Corrupt(path, "is not a QuickDrawDsl cache shard (wrong magic bytes)");
            }

            int version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            if (version != DrawingCacheFormat.ShardVersion)
            {
                throw new DrawingCacheException(path, $"has shard version {version}; this build reads version {DrawingCacheFormat.ShardVersion}: prepare the cache again with this build");
            }

            int metaLength = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
            long count = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            long indexStart = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
            long dataStart = DrawingCacheFormat.HeaderBytes + (long)metaLength;
            if (metaLength <= 0 || count < 0 || indexStart < dataStart || count > (length - indexStart) / 8
                || indexStart + (8 * (count + 1)) + 8 != length)
            {
                throw Corrupt(path, "is truncated or corrupt: its header does not match its size");
            }

            Span<byte> tail = stackalloc byte[16];
            Read(view, length - 16, tail);
            if (BinaryPrimitives.ReadInt64LittleEndian(tail) != indexStart || !tail[8..].SequenceEqual(DrawingCacheFormat.FooterMagic))
            {
                throw Corrupt(path, "is truncated or corrupt: its footer is wrong");
            }

            var metaBytes = new byte[metaLength];
            view.ReadArray(DrawingCacheFormat.HeaderBytes, metaBytes, 0, metaLength);
            ShardMeta meta;
            try
            {
                meta = JsonSerializer.Deserialize(metaBytes, DrawingCacheJsonContext.Default.ShardMeta)
                    ?? throw new JsonException("null");
                _ = Enum.Parse<DataSplit>(meta.Split);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                throw Corrupt(path, "is corrupt: its header's description cannot be read");
            }

            var shard = new DrawingShard(path, mapped, view, count, indexStart, meta);
            mapped = null;
            view = null;
            return shard;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DrawingCacheException(path, $"cannot be mapped: {ex.Message}", ex);
        }
        finally
        {
            view?.Dispose();
            mapped?.Dispose();
        }
    }

    /// <summary>The key_id of drawing <paramref name="index"/>.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The key.</returns>
    public ulong KeyId(long index) => view.ReadUInt64(Offset(index));

    /// <summary>The number of points of drawing <paramref name="index"/>, without reading them.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The point count.</returns>
    public int PointCount(long index)
    {
        long start = Offset(index);
        long size = Offset(index + 1) - start;
        long n = (size - DrawingCacheFormat.RecordHeaderBytes) / 3;
        if (size < DrawingCacheFormat.RecordHeaderBytes || n * 3 != size - DrawingCacheFormat.RecordHeaderBytes || n > int.MaxValue)
        {
            throw Corrupt(Path, $"is corrupt: record {index} has an impossible size ({size} bytes)");
        }

        return (int)n;
    }

    /// <summary>Reads drawing <paramref name="index"/>.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <param name="label">The class index to give it.</param>
    /// <returns>The drawing (its points copied out of the mapping).</returns>
    /// <exception cref="DrawingCacheException">The record is inconsistent with the index.</exception>
    public CachedDrawing Read(long index, int label)
    {
        int n = PointCount(index);
        long start = Offset(index);
        if (view.ReadUInt32(start + 8) != (uint)n)
        {
            throw Corrupt(Path, $"is corrupt: record {index}'s point count does not match the index");
        }

        var points = new byte[3 * n];
        view.ReadArray(start + DrawingCacheFormat.RecordHeaderBytes, points, 0, points.Length);
        return new CachedDrawing(view.ReadUInt64(start), label, points);
    }

    /// <summary>Unmaps the file.</summary>
    public void Dispose()
    {
        view.Dispose();
        file.Dispose();
    }

    private static DrawingCacheException Corrupt(string path, string problem) =>
        new(path, problem + "; delete it and run quickdraw prepare again (it redoes only the missing shards)");

    private static void Read(MemoryMappedViewAccessor view, long position, Span<byte> target)
    {
        var bytes = new byte[target.Length];
        view.ReadArray(position, bytes, 0, bytes.Length);
        bytes.CopyTo(target);
    }

    private long Offset(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Count);
        return view.ReadInt64(indexStart + (8 * index));
    }
}
