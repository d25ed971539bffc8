using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.NumPy;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Reads Sketch-RNN <c>.npz</c> files (<c>train</c>, <c>valid</c>, <c>test</c> members): each member is an .npy
/// object array whose payload is a Python pickle of numpy arrays of shape <c>(L, 3)</c> holding
/// <c>(dx, dy, pen_lifted)</c>. The pickle is decoded by a small reader that accepts only the opcodes and numpy
/// globals such files use and executes nothing. Elements of dtype int16, int32 or float32 are accepted; any other
/// element (dtype, shape, non-finite or absurd offsets, a pen value other than 0 or 1) is a bad record. Reading never
/// throws on data (except in strict mode): a file that is not a zip archive, a missing member, a member that is not a
/// pickled object array and an unreadable file are reported in <see cref="Report"/> too, and read as empty.
/// </summary>
public sealed class SketchRnnNpzReader
{
    /// <summary>Members larger than this (uncompressed) are refused.</summary>
    public const long MaxMemberBytes = 1L << 30;

    /// <summary>An offset farther from 0 than this is reported as out of range (real drawings stay within a few thousand).</summary>
    public const float MaxAbsOffset = 1_000_000f;

    /// <summary>Creates a reader.</summary>
    /// <param name="policy">Skip and report bad elements (default) or throw.</param>
    /// <param name="maxReportExamples">How many bad records the report keeps as examples.</param>
    /// <param name="onBadRecord">Called with every bad record as it is met; null for none.</param>
    public SketchRnnNpzReader(BadRecordPolicy policy = BadRecordPolicy.SkipAndReport, int maxReportExamples = 10, Action<BadRecord>? onBadRecord = null)
    {
        Policy = policy;
        Report = new DataReadReport(maxReportExamples, onBadRecord);
    }

    /// <summary>What the reader does with a bad element.</summary>
    public BadRecordPolicy Policy { get; }

    /// <summary>What was read and rejected so far.</summary>
    public DataReadReport Report { get; }

    /// <summary>Reads the <c>train</c>, <c>valid</c> and <c>test</c> members of a file.</summary>
    /// <param name="path">The .npz file.</param>
    /// <returns>The three splits (a split that cannot be read is empty and reported).</returns>
    /// <exception cref="DataFormatException">Strict mode only: the file, a member or an element cannot be read.</exception>
    public SketchRnnDataset Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using ZipArchive? zip = Open(path);
        return zip is null
            ? new SketchRnnDataset([], [], [])
            : new SketchRnnDataset(ReadMemberOrReport(zip, path, "train"), ReadMemberOrReport(zip, path, "valid"), ReadMemberOrReport(zip, path, "test"));
    }

    /// <summary>Reads one member of a file.</summary>
    /// <param name="path">The .npz file.</param>
    /// <param name="member">The member name, with or without <c>.npy</c> (e.g. <c>train</c>).</param>
    /// <returns>The sequences, in stored order (empty and reported when the member cannot be read).</returns>
    /// <exception cref="DataFormatException">Strict mode only: the file, the member or an element cannot be read.</exception>
    public IReadOnlyList<Stroke3Sequence> ReadMember(string path, string member)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(member);
        using ZipArchive? zip = Open(path);
        return zip is null ? [] : ReadMemberOrReport(zip, path, member);
    }

    /// <summary>Lists the members of a file (names without <c>.npy</c>).</summary>
    /// <param name="path">The .npz file.</param>
    /// <returns>The member names.</returns>
    /// <exception cref="InvalidDataException">The file is not a zip archive.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<string> ListMembers(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal) ? e.FullName[..^4] : e.FullName).ToList();
    }

    private ZipArchive? Open(string path)
    {
        FileStream? stream = FileAccessHelper.OpenOrReport(path, Report, Policy, "record", 64 * 1024);
        if (stream is null)
        {
            return null;
        }

        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            stream.Dispose();
            Report.Reject(new BadRecord(path, "record", 0, BadRecordKind.Malformed, "not a readable .npz (zip) archive: " + ex.Message), Policy, ex);
            return null;
        }
    }

    private List<Stroke3Sequence> ReadMemberOrReport(ZipArchive zip, string path, string member)
    {
        try
        {
            return ReadMember(zip, path, member);
        }
        catch (DataFormatException ex) when (Policy == BadRecordPolicy.SkipAndReport)
        {
            Report.Reject(ex.Record, Policy, ex);
            return [];
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // A damaged compressed stream or directory entry.
            Report.Reject(new BadRecord(path + ":" + member, "record", 0, BadRecordKind.Malformed, "the member cannot be decompressed: " + ex.Message), Policy, ex);
            return [];
        }
    }

    private List<Stroke3Sequence> ReadMember(ZipArchive zip, string path, string member)
    {
        string name = member.EndsWith(".npy", StringComparison.Ordinal) ? member : member + ".npy";
        string source = path + ":" + name;
        ZipArchiveEntry entry = zip.GetEntry(name)
            ?? throw Fail(source, $"the archive has no member '{name}' (it has: {string.Join(", ", zip.Entries.Select(e => e.FullName))})");
        if (entry.Length > MaxMemberBytes)
        {
            throw Fail(source, string.Create(CultureInfo.InvariantCulture, $"member is {entry.Length} bytes uncompressed, more than the {MaxMemberBytes} this reader accepts"));
        }

        byte[] bytes = new byte[entry.Length];
        using (Stream s = entry.Open())
        {
            if (s.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            {
                throw Fail(source, "member is shorter than its directory entry says", BadRecordKind.Truncated);
            }
        }

        NpyHeader header;
        using (var ms = new MemoryStream(bytes, writable: false))
        {
            header = NpyHeader.Read(ms, source);
        }

        if (header.DataOffset > bytes.Length)
        {
            throw Fail(source, "the member ends inside its .npy header", BadRecordKind.Truncated);
        }

        if (header.Descr is not ("|O" or "|O8" or "O") || header.Shape.Count != 1)
        {
            throw Fail(source, $"expected a 1-D object array ('|O', shape (N,)), found '{header.Descr}' with {header.Shape.Count} dimensions");
        }

        object? root = new NumpyPickleReader(bytes, (int)header.DataOffset, source).Load();
        if (root is not PickledArray { Data: List<object?> items } top || top.Dtype?.Type is not ("O8" or "O4" or "O"))
        {
            throw Fail(source, "the pickle does not hold a numpy object array");
        }

        if (items.Count != header.Shape[0])
        {
            throw Fail(source, string.Create(CultureInfo.InvariantCulture, $"the pickle holds {items.Count} elements but the header says {header.Shape[0]}"));
        }

        var result = new List<Stroke3Sequence>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            string? problem = Convert(items[i], out Stroke3Sequence? sequence);
            if (problem is not null)
            {
                BadRecordKind kind = problem.StartsWith("point ", StringComparison.Ordinal) ? BadRecordKind.OutOfRange : BadRecordKind.UnsupportedFormat;
                Report.Reject(new BadRecord(source, "record", i, kind, problem), Policy);
                continue;
            }

            Report.CountAccepted();
            result.Add(sequence!);
        }

        return result;
    }

    private static string? Convert(object? item, out Stroke3Sequence? sequence)
    {
        sequence = null;
        if (item is not PickledArray { Dtype: { } dtype } array)
        {
            return "element is not a numpy array";
        }

        if (array.Shape.Length != 2 || array.Shape[1] != 3)
        {
            return $"element shape ({string.Join(", ", array.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}) is not (L, 3)";
        }

        if (array.FortranOrder)
        {
            return "element is in Fortran order";
        }

        if (dtype.ByteOrder == ">")
        {
            return $"element dtype is big-endian {dtype.Type}";
        }

        int size = dtype.Type switch
        {
            "i2" => 2,
            "i4" or "f4" => 4,
            _ => 0,
        };
        if (size == 0)
        {
            return $"element dtype '{dtype.Type}' is not int16, int32 or float32";
        }

        if (array.Data is not byte[] raw)
        {
            return "element data is not a byte string";
        }

        long count = array.Shape[0] * 3;
        if (raw.Length != count * size)
        {
            return string.Create(CultureInfo.InvariantCulture, $"element data has {raw.Length} bytes; shape ({array.Shape[0]}, 3) of {dtype.Type} needs {count * size}");
        }

        float[] values = new float[count];
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<byte> at = raw.AsSpan(k * size, size);
            float v = dtype.Type switch
            {
                "i2" => BinaryPrimitives.ReadInt16LittleEndian(at),
                "i4" => BinaryPrimitives.ReadInt32LittleEndian(at),
                _ => BinaryPrimitives.ReadSingleLittleEndian(at),
            };
            if (k % 3 == 2 ? v is not (0 or 1) : !float.IsFinite(v) || Math.Abs(v) > MaxAbsOffset)
            {
                return string.Create(CultureInfo.InvariantCulture, $"point {k / 3}: {(k % 3 == 2 ? "pen" : k % 3 == 0 ? "dx" : "dy")} = {v:G6} is {(k % 3 == 2 ? "neither 0 nor 1" : $"not a finite offset within ±{MaxAbsOffset:G6}")}");
            }

            values[k] = v;
        }

        sequence = new Stroke3Sequence(values);
        return null;
    }

    private static DataFormatException Fail(string source, string reason, BadRecordKind kind = BadRecordKind.UnsupportedFormat) =>
        new(new BadRecord(source, "record", 0, kind, reason));
}
