using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>
/// A NumPy <c>.npy</c> array (format versions 1.0, 2.0 and 3.0) read into float32 values. Supported dtypes:
/// <c>|u1</c> (uint8) and <c>&lt;f4</c> / <c>&gt;f4</c> (float32), C order.
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
    /// <exception cref="InvalidDataException">The file is not a supported .npy array; the message names the file.</exception>
    public static NpyArray Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a <c>.npy</c> array from a stream.</summary>
    /// <param name="stream">Stream positioned at the magic string.</param>
    /// <returns>The array.</returns>
    /// <exception cref="InvalidDataException">Not a supported .npy array.</exception>
    public static NpyArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[8];
        ReadExactly(stream, prefix, "magic string");
        if (!prefix.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a .npy file (missing \\x93NUMPY magic).");
        }

        byte major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            var len = new byte[2];
            ReadExactly(stream, len, "header length");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(len);
        }
        else if (major is 2 or 3)
        {
            var len = new byte[4];
            ReadExactly(stream, len, "header length");
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(len));
        }
        else
        {
            throw new InvalidDataException($"unsupported .npy format version {major}.{prefix[7]}.");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, "header");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        string dtype = HeaderString(header, "descr");
        if (HeaderLiteral(header, "fortran_order") != "False")
        {
            throw new InvalidDataException("Fortran-order arrays are not supported (save with C order).");
        }

        int[] shape = ParseShape(HeaderLiteral(header, "shape"));
        long count = 1;
        foreach (int d in shape)
        {
            count = checked(count * d);
        }

        int itemSize = dtype switch
        {
            "|u1" or "<u1" or ">u1" => 1,
            "<f4" or ">f4" => 4,
            _ => throw new InvalidDataException($"unsupported dtype '{dtype}' (expected |u1 or <f4)."),
        };

        var raw = new byte[checked(count * itemSize)];
        ReadExactly(stream, raw, $"data ({count} values of {dtype})");
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

    private static void ReadExactly(Stream stream, byte[] buffer, string what)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                throw new InvalidDataException($"truncated .npy file: ended inside the {what} ({read} of {buffer.Length} bytes).");
            }

            read += n;
        }
    }

    private static int KeyIndex(string header, string key)
    {
        int at = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidDataException($"the .npy header has no '{key}' entry: {header.Trim()}");
        }

        int colon = header.IndexOf(':', at);
        if (colon < 0)
        {
            throw new InvalidDataException($"malformed .npy header near '{key}': {header.Trim()}");
        }

        return colon + 1;
    }

    private static string HeaderString(string header, string key)
    {
        int start = header.IndexOf('\'', KeyIndex(header, key));
        int end = start < 0 ? -1 : header.IndexOf('\'', start + 1);
        if (end < 0)
        {
            throw new InvalidDataException($"malformed .npy header value for '{key}': {header.Trim()}");
        }

        return header.Substring(start + 1, end - start - 1);
    }

    private static string HeaderLiteral(string header, string key)
    {
        int start = KeyIndex(header, key);
        while (start < header.Length && header[start] == ' ')
        {
            start++;
        }

        if (start < header.Length && header[start] == '(')
        {
            int close = header.IndexOf(')', start);
            if (close < 0)
            {
                throw new InvalidDataException($"malformed .npy shape: {header.Trim()}");
            }

            return header.Substring(start, close - start + 1);
        }

        int end = start;
        while (end < header.Length && header[end] != ',' && header[end] != '}')
        {
            end++;
        }

        return header[start..end].Trim();
    }

    private static int[] ParseShape(string tuple)
    {
        string inner = tuple.Trim('(', ')');
        var dims = new List<int>();
        foreach (string part in inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string digits = part.TrimEnd('L');
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int d))
            {
                throw new InvalidDataException($"malformed .npy shape {tuple}.");
            }

            dims.Add(d);
        }

        return dims.ToArray();
    }
}
