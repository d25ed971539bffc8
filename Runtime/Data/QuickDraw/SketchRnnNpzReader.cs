using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Reads Sketch-RNN <c>.npz</c> files (<c>train</c>, <c>valid</c>, <c>test</c> members): each member is an .npy
/// object array whose payload is a Python pickle of numpy arrays of shape <c>(L, 3)</c> holding
/// <c>(dx, dy, pen_lifted)</c>. The pickle is decoded by a small reader that accepts only the opcodes and numpy
/// globals such files use and executes nothing. Elements of dtype int16, int32 or float32 are accepted; any other
/// element (dtype, shape) is a bad record: reported, or thrown in strict mode.
/// </summary>
public sealed class SketchRnnNpzReader
{
    /// <summary>Members larger than this (uncompressed) are refused.</summary>
    public const long MaxMemberBytes = 1L << 30;

    /// <summary>Creates a reader.</summary>
    /// <param name="policy">Skip and report bad elements (default) or throw.</param>
    /// <param name="maxReportExamples">How many bad records the report keeps as examples.</param>
    public SketchRnnNpzReader(BadRecordPolicy policy = BadRecordPolicy.SkipAndReport, int maxReportExamples = 10)
    {
        Policy = policy;
        Report = new DataReadReport(maxReportExamples);
    }

    /// <summary>What the reader does with a bad element.</summary>
    public BadRecordPolicy Policy { get; }

    /// <summary>What was read and rejected so far.</summary>
    public DataReadReport Report { get; }

    /// <summary>Reads the <c>train</c>, <c>valid</c> and <c>test</c> members of a file.</summary>
    /// <param name="path">The .npz file.</param>
    /// <returns>The three splits.</returns>
    /// <exception cref="DataFormatException">A member is missing or is not a pickled object array this reader understands.</exception>
    public SketchRnnDataset Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using ZipArchive zip = ZipFile.OpenRead(path);
        return new SketchRnnDataset(ReadMember(zip, path, "train"), ReadMember(zip, path, "valid"), ReadMember(zip, path, "test"));
    }

    /// <summary>Reads one member of a file.</summary>
    /// <param name="path">The .npz file.</param>
    /// <param name="member">The member name, with or without <c>.npy</c> (e.g. <c>train</c>).</param>
    /// <returns>The sequences, in stored order.</returns>
    public IReadOnlyList<Stroke3Sequence> ReadMember(string path, string member)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(member);
        using ZipArchive zip = ZipFile.OpenRead(path);
        return ReadMember(zip, path, member);
    }

    /// <summary>Lists the members of a file (names without <c>.npy</c>).</summary>
    /// <param name="path">The .npz file.</param>
    /// <returns>The member names.</returns>
    public static IReadOnlyList<string> ListMembers(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal) ? e.FullName[..^4] : e.FullName).ToList();
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
                Report.Reject(new BadRecord(source, "record", i, BadRecordKind.UnsupportedFormat, problem), Policy);
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
            values[k] = dtype.Type switch
            {
                "i2" => BinaryPrimitives.ReadInt16LittleEndian(at),
                "i4" => BinaryPrimitives.ReadInt32LittleEndian(at),
                _ => BinaryPrimitives.ReadSingleLittleEndian(at),
            };
        }

        sequence = new Stroke3Sequence(values);
        return null;
    }

    private static DataFormatException Fail(string source, string reason, BadRecordKind kind = BadRecordKind.UnsupportedFormat) =>
        new(new BadRecord(source, "record", 0, kind, reason));
}
