using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.NumPy;

/// <summary>
/// A NumPy <c>.npy</c> array read into float32 values: the header by <see cref="NpyHeader"/> (versions 1.0, 2.0 and
/// 3.0), then the data. Supported dtypes: <c>|u1</c> (uint8) and <c>&lt;f4</c> / <c>&gt;f4</c> (float32), C order.
/// </summary>
public sealed class NpyArray
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private NpyArray(string dtype, int[] shape, float[] data)
    {
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    /// <summary>The dtype descriptor from the header, e.g. <c>|u1</c> or <c>&lt;f4</c>.</summary>
    public string DType { get; }

    /// <summary>The array shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Values in C order, converted to float32 (uint8 values keep their 0–255 range).</summary>
    public float[] Data { get; }

    /// <summary>Reads a <c>.npy</c> file.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The array.</returns>
    /// <exception cref="DataFormatException">The file is not a supported .npy array; the record names the file and why.</exception>
    public static NpyArray Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a <c>.npy</c> array from a stream.</summary>
    /// <param name="stream">Stream positioned at the magic string.</param>
    /// <param name="sourceName">The name used in error messages (the file's path).</param>
    /// <returns>The array.</returns>
    /// <exception cref="DataFormatException">Not a supported .npy array; the record names <paramref name="sourceName"/> and why.</exception>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        NpyHeader header = NpyHeader.Read(stream, sourceName);
        string dtype = header.Descr;
        if (header.FortranOrder)
        {
            throw Fail(sourceName, BadRecordKind.UnsupportedFormat, "Fortran-order arrays are not supported (save with C order)");
        }

        int itemSize = dtype switch
        {
            "|u1" or "<u1" or ">u1" => 1,
            "<f4" or ">f4" => 4,
            _ => throw Fail(sourceName, BadRecordKind.UnsupportedFormat, $"unsupported dtype '{dtype}' (expected |u1 or <f4)"),
        };

        var shape = new int[header.Shape.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = header.Shape[i] <= int.MaxValue
                ? (int)header.Shape[i]
                : throw Fail(sourceName, BadRecordKind.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture, $"dimension {i} of the shape ({header.Shape[i]}) is too large for one array"));
        }

        long count = header.ElementCount;
        if (count > Array.MaxLength / itemSize)
        {
            throw Fail(sourceName, BadRecordKind.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture, $"{count} values of {dtype} are too many for one array"));
        }

        var raw = new byte[count * itemSize];
        int read = stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
        if (read < raw.Length)
        {
            throw Fail(sourceName, BadRecordKind.Truncated, string.Create(CultureInfo.InvariantCulture, $"truncated .npy file: ended inside the data ({read} of {raw.Length} bytes of {count} values of {dtype})"));
        }

        var data = new float[count];
        if (itemSize == 1)
        {
            for (long i = 0; i < count; i++)
            {
                data[i] = raw[i];
            }
        }
        else
        {
            bool big = dtype[0] == '>';
            for (long i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> span = raw.AsSpan((int)(i * 4), 4);
                data[i] = big ? BinaryPrimitives.ReadSingleBigEndian(span) : BinaryPrimitives.ReadSingleLittleEndian(span);
            }
        }

        return new NpyArray(dtype, shape, data);
    }

    /// <summary>Writes a C-order float32 (<c>&lt;f4</c>) or uint8 (<c>|u1</c>) array as .npy version 1.0.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="shape">Array shape.</param>
    /// <param name="data">Values in C order.</param>
    /// <param name="asUInt8">Write uint8 (values are rounded and clamped to 0–255) instead of float32.</param>
    public static void Write(string path, IReadOnlyList<int> shape, float[] data, bool asUInt8 = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        string dims = shape.Count == 1 ? $"{shape[0].ToString(CultureInfo.InvariantCulture)}," : string.Join(", ", EnumerateInvariant(shape));
        string dict = $"{{'descr': '{(asUInt8 ? "|u1" : "<f4")}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = 10 + dict.Length + 1;
        int padding = (64 - (unpadded % 64)) % 64;
        string header = dict + new string(' ', padding) + "\n";
        using FileStream stream = File.Create(path);
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        stream.Write(len);
        stream.Write(Encoding.Latin1.GetBytes(header));
        if (asUInt8)
        {
            var bytes = new byte[data.Length];
            for (int i = 0; i < data.Length; i++)
            {
                bytes[i] = (byte)Math.Clamp(Math.Round(data[i]), 0, 255);
            }

            stream.Write(bytes);
        }
        else
        {
            Span<byte> value = stackalloc byte[4];
            foreach (float v in data)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, v);
                stream.Write(value);
            }
        }
    }

    private static IEnumerable<string> EnumerateInvariant(IReadOnlyList<int> shape)
    {
        foreach (int d in shape)
        {
            yield return d.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static DataFormatException Fail(string source, BadRecordKind kind, string reason) =>
        new(new BadRecord(source, "record", 0, kind, reason));
}
