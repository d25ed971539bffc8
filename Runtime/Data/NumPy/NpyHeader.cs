using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.NumPy;

/// <summary>
/// The header of a NumPy <c>.npy</c> file (format versions 1.0, 2.0 and 3.0): the magic <c>\x93NUMPY</c>, the
/// version, the header length, then a Python dict literal with <c>descr</c>, <c>fortran_order</c> and <c>shape</c>.
/// </summary>
public sealed class NpyHeader
{
    private NpyHeader(string descr, bool fortranOrder, IReadOnlyList<long> shape, long dataOffset, int majorVersion)
    {
        Descr = descr;
        FortranOrder = fortranOrder;
        Shape = shape;
        DataOffset = dataOffset;
        MajorVersion = majorVersion;
    }

    /// <summary>The dtype string, e.g. <c>|u1</c>, <c>&lt;i2</c> or <c>|O</c>.</summary>
    public string Descr { get; }

    /// <summary>Whether the data is stored column-major.</summary>
    public bool FortranOrder { get; }

    /// <summary>The array shape (empty for a scalar).</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The byte offset of the data from the start of the file (a multiple of 16 or 64).</summary>
    public long DataOffset { get; }

    /// <summary>The format's major version (1, 2 or 3).</summary>
    public int MajorVersion { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Shape)
            {
                n = checked(n * d);
            }

            return n;
        }
    }

    /// <summary>Reads the header from the current position of <paramref name="stream"/>, leaving it at the start of the data.</summary>
    /// <param name="stream">The .npy stream, positioned at its first byte.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <returns>The parsed header.</returns>
    /// <exception cref="DataFormatException">Not an .npy stream, or a header this parser does not understand.</exception>
    public static NpyHeader Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        byte[] prefix = new byte[12];
        int got = stream.ReadAtLeast(prefix, 10, throwOnEndOfStream: false);
        if (got < 10 || prefix[0] != 0x93 || !prefix.AsSpan(1, 5).SequenceEqual("NUMPY"u8))
        {
            throw Fail(sourceName, BadRecordKind.UnsupportedFormat, "not a NumPy .npy file (missing the \\x93NUMPY magic)");
        }

        int major = prefix[6];
        long headerLength;
        int prefixLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8));
            prefixLength = 10;
        }
        else if (major is 2 or 3)
        {
            if (got < 12 && stream.ReadAtLeast(prefix.AsSpan(got), 12 - got, throwOnEndOfStream: false) < 12 - got)
            {
                throw Fail(sourceName, BadRecordKind.Truncated, "the file ends inside the .npy header");
            }

            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
            prefixLength = 12;
        }
        else
        {
            throw Fail(sourceName, BadRecordKind.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture, $".npy format version {major}.{prefix[7]} is not supported (1.0, 2.0 and 3.0 are)"));
        }

        if (headerLength > 1 << 20)
        {
            throw Fail(sourceName, BadRecordKind.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture, $".npy header length {headerLength} is implausible"));
        }

        // Version 1 already read 2 bytes past the length field.
        int already = got - prefixLength;
        byte[] text = new byte[headerLength];
        int copied = Math.Max(0, Math.Min(already, (int)headerLength));
        prefix.AsSpan(prefixLength, copied).CopyTo(text);
        if (stream.ReadAtLeast(text.AsSpan(copied), (int)headerLength - copied, throwOnEndOfStream: false) < headerLength - copied)
        {
            throw Fail(sourceName, BadRecordKind.Truncated, "the file ends inside the .npy header");
        }

        Encoding encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        string dict = encoding.GetString(text);
        var parser = new DictParser(dict, sourceName);
        (string descr, bool fortran, long[] shape) = parser.Parse();
        return new NpyHeader(descr, fortran, shape, prefixLength + headerLength, major);
    }

    private static DataFormatException Fail(string source, BadRecordKind kind, string reason) =>
        new(new BadRecord(source, "record", 0, kind, reason));

    /// <summary>Parses the header's Python dict literal: string keys; string, bool and int-tuple values.</summary>
    private sealed class DictParser(string text, string source)
    {
        private int pos;

        public (string Descr, bool Fortran, long[] Shape) Parse()
        {
            string? descr = null;
            bool? fortran = null;
            long[]? shape = null;
            SkipSpace();
            Expect('{');
            while (true)
            {
                SkipSpace();
                if (Peek() == '}')
                {
                    break;
                }

                string key = ReadString();
                SkipSpace();
                Expect(':');
                SkipSpace();
                switch (key)
                {
                    case "descr":
                        descr = ReadString();
                        break;
                    case "fortran_order":
                        fortran = ReadBool();
                        break;
                    case "shape":
                        shape = ReadTuple();
                        break;
                    default:
                        throw Error($"unexpected key '{key}' in the .npy header");
                }

                SkipSpace();
                if (Peek() == ',')
                {
                    pos++;
                }
            }

            return (descr ?? throw Error("the .npy header has no 'descr'"),
                fortran ?? throw Error("the .npy header has no 'fortran_order'"),
                shape ?? throw Error("the .npy header has no 'shape'"));
        }

        private char Peek() => pos < text.Length ? text[pos] : throw Error("the .npy header dict is not closed");

        private void SkipSpace()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error($"expected '{c}' at offset {pos.ToString(CultureInfo.InvariantCulture)} of the .npy header");
            }

            pos++;
        }

        private string ReadString()
        {
            char quote = Peek();
            if (quote is not ('\'' or '"'))
            {
                throw Error($"expected a quoted string at offset {pos.ToString(CultureInfo.InvariantCulture)} of the .npy header");
            }

            int end = text.IndexOf(quote, pos + 1);
            if (end < 0)
            {
                throw Error("unterminated string in the .npy header");
            }

            string value = text.Substring(pos + 1, end - pos - 1);
            pos = end + 1;
            return value;
        }

        private bool ReadBool()
        {
            if (string.CompareOrdinal(text, pos, "True", 0, 4) == 0)
            {
                pos += 4;
                return true;
            }

            if (string.CompareOrdinal(text, pos, "False", 0, 5) == 0)
            {
                pos += 5;
                return false;
            }

            throw Error("fortran_order must be True or False");
        }

        private long[] ReadTuple()
        {
            Expect('(');
            var dims = new List<long>();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')')
                {
                    pos++;
                    return dims.ToArray();
                }

                int start = pos;
                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    pos++;
                }

                // Python 2 writes long dimensions with an L suffix.
                if (!long.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out long dim))
                {
                    throw Error($"shape must be a tuple of non-negative integers, at offset {start.ToString(CultureInfo.InvariantCulture)}");
                }

                dims.Add(dim);
                if (pos < text.Length && text[pos] == 'L')
                {
                    pos++;
                }

                SkipSpace();
                if (Peek() == ',')
                {
                    pos++;
                }
            }
        }

        private DataFormatException Error(string reason) => Fail(source, BadRecordKind.UnsupportedFormat, reason);
    }
}
