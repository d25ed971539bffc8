using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace QuickDrawDsl.Runtime.Tests.Data.NumPy;

/// <summary>Builds .npy, pickle and .npz bytes in code, so no binary fixture is committed.</summary>
internal static class NpyFixtures
{
    public static byte[] Npy(string headerDict, ReadOnlySpan<byte> payload)
    {
        string header = headerDict;
        while ((10 + header.Length + 1) % 64 != 0)
        {
            header += " ";
        }

        header += "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add(1);
        bytes.Add(0);
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(payload.ToArray());
        return bytes.ToArray();
    }

    /// <summary>An element of a pickled object array: dtype string (e.g. "i2"), row count, raw little-endian data.</summary>
    public sealed record Element(string Dtype, int Rows, byte[] Data, int Columns = 3);

    /// <summary>The pickle NumPy 1.x writes under Python 2 for a 1-D object array of numeric arrays (protocol 2).</summary>
    public static byte[] ObjectArrayPickle(IReadOnlyList<Element> elements, string reconstructModule = "numpy.core.multiarray", string reconstructName = "_reconstruct")
    {
        var p = new List<byte> { 0x80, 2 };
        Global(p, reconstructModule, reconstructName);
        p.AddRange([(byte)'q', 1]);
        Global(p, "numpy", "ndarray");
        p.AddRange([(byte)'q', 2]);
        EmptyArrayCall(p);
        p.Add((byte)'(');
        p.AddRange([(byte)'K', 1]);
        p.Add((byte)'M');
        p.AddRange(BitConverter.GetBytes((ushort)elements.Count));
        p.Add(0x85);
        Dtype(p, "O8", "|", 63);
        p.Add(0x89);
        p.Add((byte)']');
        p.Add((byte)'(');
        foreach (Element e in elements)
        {
            NewEmptyArray(p, memo: true);
            p.Add((byte)'(');
            p.AddRange([(byte)'K', 1]);
            p.AddRange([(byte)'K', (byte)e.Rows]);
            p.AddRange([(byte)'K', (byte)e.Columns]);
            p.Add(0x86);
            Dtype(p, e.Dtype, "<", 0);
            p.Add(0x89);
            p.Add((byte)'T');
            p.AddRange(BitConverter.GetBytes(e.Data.Length));
            p.AddRange(e.Data);
            p.Add((byte)'t');
            p.Add((byte)'b');
        }

        p.Add((byte)'e');
        p.Add((byte)'t');
        p.Add((byte)'b');
        p.Add((byte)'.');
        return p.ToArray();
    }

    public static byte[] ObjectArrayNpy(IReadOnlyList<Element> elements) =>
        Npy($"{{'descr': '|O', 'fortran_order': False, 'shape': ({elements.Count},), }}", ObjectArrayPickle(elements));

    public static void WriteNpz(string path, IReadOnlyDictionary<string, byte[]> members)
    {
        using FileStream fs = File.Create(path);
        using var zip = new ZipArchive(fs, ZipArchiveMode.Create);
        foreach (KeyValuePair<string, byte[]> m in members)
        {
            using Stream s = zip.CreateEntry(m.Key, CompressionLevel.Optimal).Open();
            s.Write(m.Value);
        }
    }

    public static byte[] Int16Rows(params short[] values)
    {
        byte[] b = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.GetBytes(values[i]).CopyTo(b, 2 * i);
        }

        return b;
    }

    /// <summary>_reconstruct(ndarray, (0,), 'b') with both globals already on the stack.</summary>
    private static void EmptyArrayCall(List<byte> p)
    {
        p.AddRange([(byte)'K', 0, 0x85]);
        p.AddRange([(byte)'U', 1, (byte)'b']);
        p.Add(0x87);
        p.Add((byte)'R');
    }

    private static void NewEmptyArray(List<byte> p, bool memo)
    {
        p.AddRange([(byte)'h', 1, (byte)'h', 2]);
        EmptyArrayCall(p);
        if (memo)
        {
            p.Add((byte)'r');
            p.AddRange(BitConverter.GetBytes(300u));
        }
    }

    private static void Dtype(List<byte> p, string type, string order, byte flags)
    {
        Global(p, "numpy", "dtype");
        p.AddRange([(byte)'U', (byte)type.Length]);
        p.AddRange(Encoding.ASCII.GetBytes(type));
        p.AddRange([(byte)'K', 0, (byte)'K', 1, 0x87, (byte)'R']);
        p.Add((byte)'(');
        p.AddRange([(byte)'K', 3]);
        p.AddRange([(byte)'U', 1, (byte)order[0]]);
        p.AddRange([(byte)'N', (byte)'N', (byte)'N']);
        p.Add((byte)'J');
        p.AddRange(BitConverter.GetBytes(-1));
        p.Add((byte)'J');
        p.AddRange(BitConverter.GetBytes(-1));
        p.AddRange([(byte)'K', flags]);
        p.Add((byte)'t');
        p.Add((byte)'b');
    }

    private static void Global(List<byte> p, string module, string name)
    {
        p.Add((byte)'c');
        p.AddRange(Encoding.ASCII.GetBytes(module + "\n" + name + "\n"));
    }
}
