using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Data.NumPy;

namespace QuickDrawDsl.Runtime.Tests.Data.Fuzzing;

/// <summary>
/// The readers on mutated input (truncations, byte flips, invalid UTF-8, huge and non-finite numbers, deep nesting):
/// no exception escapes, and every record is either accepted or reported with its position.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const string Good = "{\"word\":\"cat\",\"countrycode\":\"US\",\"timestamp\":\"2017-03-02 23:25:10.07453 UTC\",\"recognized\":true,\"key_id\":\"5201136883597312\",\"drawing\":[[[10,20,30],[40,50,60]],[[1,2],[3,4]]]}";

    [Fact]
    public void NdjsonLinesAreAcceptedOrReportedWithTheirLine()
    {
        var random = new Random(12);
        var lines = new List<byte[]>();
        for (int i = 0; i < 12_000; i++)
        {
            lines.Add(Mutate(Encoding.UTF8.GetBytes(Good), random));
        }

        var bad = new List<BadRecord>();
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false, OnBadRecord = bad.Add, MaxReportExamples = 0 });
        using var stream = new MemoryStream(lines.SelectMany(l => l.Append((byte)'\n')).ToArray());
        List<RecordOutcome<Drawing>> outcomes = reader.ReadRecords(stream, "fuzz.ndjson").ToList();

        long blank = reader.Report.BlankLinesSkipped;
        (outcomes.Count + blank).ShouldBe(lines.Count, "every line is a drawing, a bad record or blank");
        outcomes.Count(o => o.Accepted).ShouldBe((int)reader.Report.Accepted);
        outcomes.Where(o => !o.Accepted).Select(o => o.Position).ShouldBe(bad.Select(b => b.Index));
        bad.ShouldAllBe(b => b.Source == "fuzz.ndjson" && b.Unit == "line" && b.Index >= 1 && b.Index <= lines.Count);
        reader.Report.BadRecords.ShouldBeGreaterThan(5_000);
        reader.Report.Accepted.ShouldBeGreaterThan(100);
        outcomes.Where(o => o.Accepted).SelectMany(o => o.Value!.Strokes).SelectMany(s => s.X.Concat(s.Y)).ShouldAllBe(v => float.IsFinite(v) && Math.Abs(v) <= 1_000_000);
    }

    [Fact]
    public void BinaryBitmapAndNpzFilesNeverThrow()
    {
        var random = new Random(5);
        string dir = Path.Combine(Path.GetTempPath(), "qd-fuzz-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            byte[] bin = BinaryDrawings(40);
            byte[] npy = NpyFixtures.Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (20, 784), }", Enumerable.Range(0, 20 * 784).Select(v => (byte)v).ToArray());
            byte[] npz = Npz();
            long files = 0, records = 0;
            for (int i = 0; i < 400; i++)
            {
                string binPath = Path.Combine(dir, $"cat{i}.bin");
                File.WriteAllBytes(binPath, Mutate(bin, random));
                var binary = new QuickDrawBinaryReader(new QuickDrawReadOptions { DeduplicateKeyIds = false });
                int accepted = binary.ReadFile(binPath).Count();
                accepted.ShouldBe((int)binary.Report.Accepted);
                binary.Report.Examples.ShouldAllBe(b => b.Source == binPath);

                string npyPath = Path.Combine(dir, $"cat{i}.npy");
                File.WriteAllBytes(npyPath, Mutate(npy, random));
                var bitmaps = new QuickDrawBitmapReader();
                bitmaps.ReadFile(npyPath).Count().ShouldBe((int)bitmaps.Report.Accepted);

                string npzPath = Path.Combine(dir, $"s{i}.npz");
                File.WriteAllBytes(npzPath, Mutate(npz, random));
                var sketches = new SketchRnnNpzReader();
                SketchRnnDataset set = sketches.Read(npzPath);
                (set.Train.Count + set.Validation.Count + set.Test.Count).ShouldBe((int)sketches.Report.Accepted);
                files += 3;
                records += binary.Report.RecordsRead + bitmaps.Report.RecordsRead + sketches.Report.RecordsRead;
            }

            files.ShouldBe(1200);
            records.ShouldBeGreaterThan(10_000);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // One of: truncate, flip bytes, insert invalid UTF-8, put a huge or non-finite number, nest deeply, or leave it.
    private static byte[] Mutate(byte[] source, Random random)
    {
        byte[] b = (byte[])source.Clone();
        switch (random.Next(7))
        {
            case 0:
                return b[..random.Next(b.Length)];
            case 1:
                for (int k = 0; k < 1 + random.Next(4); k++)
                {
                    b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
                }

                return b;
            case 2:
                int at = random.Next(b.Length);
                return [.. b[..at], 0xC3, 0x28, 0xFF, .. b[at..]];
            case 3:
                string number = new[] { "3e38", "1e309", "-1e400", "NaN", "Infinity", "99999999999999999999", "1.5", "-0" }[random.Next(8)];
                string text = Encoding.UTF8.GetString(b);
                int digit = text.IndexOf("10", StringComparison.Ordinal);
                return digit < 0 ? b : Encoding.UTF8.GetBytes(text[..digit] + number + text[(digit + 2)..]);
            case 4:
                return Encoding.UTF8.GetBytes(new string('[', 2000) + new string(']', 2000));
            case 5:
                return b.Length > 20 ? [.. b[..10], .. b[20..]] : b;
            default:
                return b;
        }
    }

    private static byte[] BinaryDrawings(int count)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        for (int i = 0; i < count; i++)
        {
            w.Write((ulong)i);
            w.Write("US"u8);
            w.Write((byte)1);
            w.Write(1_500_000_000u);
            w.Write((ushort)2);
            for (int s = 0; s < 2; s++)
            {
                w.Write((ushort)3);
                w.Write(new byte[] { 1, 2, 3, 4, 5, 6 });
            }
        }

        return ms.ToArray();
    }

    private static byte[] Npz()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (string member in new[] { "train", "valid", "test" })
            {
                using Stream s = zip.CreateEntry(member + ".npy", CompressionLevel.NoCompression).Open();
                s.Write(NpyFixtures.ObjectArrayNpy(Enumerable.Range(0, 5).Select(k => new NpyFixtures.Element("i2", 2, NpyFixtures.Int16Rows((short)k, 2, 0, 3, 4, 1))).ToList()));
            }
        }

        return ms.ToArray();
    }
}
