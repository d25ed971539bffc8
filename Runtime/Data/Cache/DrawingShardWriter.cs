using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>
/// Writes one shard (see <see cref="DrawingCacheFormat"/>) to a temporary file beside its destination; <see cref="Commit"/>
/// completes it, flushes it to disk and moves it into place. Disposed without a commit, the temporary file is deleted.
/// Memory: the record offsets (8 bytes per drawing of this shard) and one drawing's points.
/// </summary>
internal sealed class DrawingShardWriter : IDisposable
{
    private readonly string path;
    private readonly string temp;
    private readonly FileStream stream;
    private readonly List<long> offsets = [];
    private byte[] buffer = new byte[1024];
    private bool committed;

    public DrawingShardWriter(string path, string className, DataSplit split, string source)
    {
        this.path = path;
        temp = $"{path}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}{DrawingCacheFormat.TempSuffix}";
        stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        byte[] meta = JsonSerializer.SerializeToUtf8Bytes(new ShardMeta(className, split.ToString(), source), DrawingCacheJsonContext.Default.ShardMeta);
        Span<byte> header = stackalloc byte[DrawingCacheFormat.HeaderBytes];
        WriteHeader(header, meta.Length, 0, 0);
        stream.Write(header);
        stream.Write(meta);
    }

    public long Count => offsets.Count;

    /// <summary>Appends a drawing whose coordinates are whole numbers in 0–255 (Google's simplified form).</summary>
    public void Add(ulong keyId, IReadOnlyList<Stroke> strokes)
    {
        int points = 0;
        foreach (Stroke s in strokes)
        {
            points += s.PointCount;
        }

        int size = DrawingCacheFormat.RecordHeaderBytes + (3 * points);
        if (buffer.Length < size)
        {
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
        }

        BinaryPrimitives.WriteUInt64LittleEndian(buffer, keyId);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(8), (uint)points);
        int o = DrawingCacheFormat.RecordHeaderBytes;
        foreach (Stroke s in strokes)
        {
            for (int p = 0; p < s.PointCount; p++)
            {
                buffer[o++] = ToByte(s.X[p]);
                buffer[o++] = ToByte(s.Y[p]);
                buffer[o++] = p == s.PointCount - 1 ? DrawingCacheFormat.EndOfStroke : (byte)0;
            }
        }

        offsets.Add(stream.Position);
        stream.Write(buffer, 0, size);
    }

    public void Commit()
    {
        long indexStart = stream.Position;
        var chunk = new byte[8 * 4096];
        int used = 0;
        foreach (long offset in offsets)
        {
            BinaryPrimitives.WriteInt64LittleEndian(chunk.AsSpan(used), offset);
            used += 8;
            if (used == chunk.Length)
            {
                stream.Write(chunk, 0, used);
                used = 0;
            }
        }

        stream.Write(chunk, 0, used);
        Span<byte> tail = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(tail, indexStart);
        DrawingCacheFormat.FooterMagic.CopyTo(tail[8..]);
        stream.Write(tail);
        stream.Position = 16;
        BinaryPrimitives.WriteInt64LittleEndian(tail, offsets.Count);
        BinaryPrimitives.WriteInt64LittleEndian(tail[8..], indexStart);
        stream.Write(tail);
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        File.Move(temp, path, overwrite: true);
        committed = true;
    }

    public void Dispose()
    {
        stream.Dispose();
        if (!committed)
        {
            File.Delete(temp);
        }
    }

    private static void WriteHeader(Span<byte> header, int metaLength, long count, long indexStart)
    {
        DrawingCacheFormat.ShardMagic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], DrawingCacheFormat.ShardVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], metaLength);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], count);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], indexStart);
    }

    private static byte ToByte(float v)
    {
        if (!(v >= 0 && v <= 255) || v != MathF.Round(v))
        {
            throw new ArgumentException($"cache points are whole pixels in 0-255 (Google's simplified form); got {v.ToString(CultureInfo.InvariantCulture)}");
        }

        return (byte)v;
    }
}
