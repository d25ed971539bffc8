using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

public sealed class QuickDrawBinaryReaderTests
{
    /// <summary>One drawing written byte by byte, independently of <see cref="QuickDrawBinaryWriter"/>.</summary>
    private static byte[] HandMadeRecord(ulong keyId, ushort strokeCount = 2)
    {
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes(keyId));           // key_id uint64 LE
        bytes.AddRange("DE"u8.ToArray());                       // countrycode
        bytes.Add(1);                                           // recognized
        bytes.AddRange(BitConverter.GetBytes(1_489_000_000u));  // timestamp uint32
        bytes.AddRange(BitConverter.GetBytes(strokeCount));     // n_strokes uint16
        if (strokeCount >= 1)
        {
            bytes.AddRange(BitConverter.GetBytes((ushort)3));
            bytes.AddRange(new byte[] { 0, 128, 255 });         // x
            bytes.AddRange(new byte[] { 10, 20, 30 });          // y
        }

        if (strokeCount >= 2)
        {
            bytes.AddRange(BitConverter.GetBytes((ushort)1));
            bytes.Add(7);
            bytes.Add(9);
        }

        return bytes.ToArray();
    }

    [Fact]
    public void ReadsAHandMadeRecordField_by_field()
    {
        var reader = new QuickDrawBinaryReader(new QuickDrawReadOptions { BadRecords = BadRecordPolicy.Throw });
        Drawing d = reader.Read(new MemoryStream(HandMadeRecord(0x0102030405060708UL)), "hand.bin", "cat").Single();

        d.Word.ShouldBe("cat");
        d.KeyId.ShouldBe(0x0102030405060708UL);
        d.CountryCode.ShouldBe("DE");
        d.Recognized.ShouldBeTrue();
        d.Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_489_000_000));
        d.Strokes.Count.ShouldBe(2);
        d.Strokes[0].X.ShouldBe([0f, 128f, 255f]);
        d.Strokes[0].Y.ShouldBe([10f, 20f, 30f]);
        d.Strokes[1].X.ShouldBe([7f]);
        d.Strokes[1].Y.ShouldBe([9f]);
    }

    [Fact]
    public void TheWriterProducesTheSameBytesAsTheHandMadeRecord()
    {
        Drawing d = new QuickDrawBinaryReader().Read(new MemoryStream(HandMadeRecord(42)), "hand.bin", "cat").Single();
        using var ms = new MemoryStream();
        QuickDrawBinaryWriter.Write(ms, [d]);
        ms.ToArray().ShouldBe(HandMadeRecord(42));
    }

    [Fact]
    public void EmptyDrawingIsReportedAndTheNextRecordIsStillRead()
    {
        byte[] data = [.. HandMadeRecord(1), .. HandMadeRecord(2, strokeCount: 0), .. HandMadeRecord(3)];
        var reader = new QuickDrawBinaryReader();
        reader.Read(new MemoryStream(data), "empty.bin", "cat").Select(d => d.KeyId).ShouldBe([1UL, 3UL]);
        BadRecord bad = reader.Report.Examples.Single();
        bad.Kind.ShouldBe(BadRecordKind.EmptyDrawing);
        bad.Unit.ShouldBe("record");
        bad.Index.ShouldBe(1);
    }

    [Theory]
    [InlineData(5)]   // inside the header
    [InlineData(20)]  // inside the first stroke's points
    public void TruncatedFileIsReportedOrThrownInStrictMode(int cut)
    {
        byte[] whole = [.. HandMadeRecord(1), .. HandMadeRecord(2)];
        byte[] data = whole[..(HandMadeRecord(1).Length + cut)];

        var lenient = new QuickDrawBinaryReader();
        lenient.Read(new MemoryStream(data), "cut.bin", "cat").Select(d => d.KeyId).ShouldBe([1UL]);
        lenient.Report.BadRecordCounts[BadRecordKind.Truncated].ShouldBe(1);
        lenient.Report.Examples.Single().Index.ShouldBe(1);

        var strict = new QuickDrawBinaryReader(new QuickDrawReadOptions { BadRecords = BadRecordPolicy.Throw });
        DataFormatException ex = Should.Throw<DataFormatException>(() => strict.Read(new MemoryStream(data), "cut.bin", "cat").ToList());
        ex.Message.ShouldStartWith("cut.bin record 1: Truncated:");
    }

    [Fact]
    public void RealSimplifiedDrawingsRoundTripThroughABinFileWithCapAndRecognizedFilter()
    {
        using var temp = new TempDirectory();
        List<Drawing> apples = new QuickDrawNdjsonReader().ReadFile(Fixtures.PathOf("quickdraw", "simplified_100", "apple.ndjson")).ToList();
        string path = temp.File("apple.bin");
        using (FileStream fs = File.Create(path))
        {
            QuickDrawBinaryWriter.Write(fs, apples);
        }

        List<Drawing> back = new QuickDrawBinaryReader().ReadFile(path).ToList();
        back.Count.ShouldBe(100);
        for (int i = 0; i < apples.Count; i++)
        {
            back[i].Word.ShouldBe("apple");
            back[i].KeyId.ShouldBe(apples[i].KeyId);
            back[i].CountryCode.ShouldBe(apples[i].CountryCode);
            back[i].Recognized.ShouldBe(apples[i].Recognized);
            back[i].Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(apples[i].Timestamp.ToUnixTimeSeconds()));
            back[i].Strokes.SelectMany(s => s.X).ShouldBe(apples[i].Strokes.SelectMany(s => s.X));
            back[i].Strokes.SelectMany(s => s.Y).ShouldBe(apples[i].Strokes.SelectMany(s => s.Y));
        }

        var capped = new QuickDrawBinaryReader(new QuickDrawReadOptions { MaxPerClass = 30, RecognizedOnly = true });
        List<Drawing> firstRecognized = capped.ReadFile(path).ToList();
        firstRecognized.Count.ShouldBe(30);
        firstRecognized.Select(d => d.KeyId).ShouldBe(apples.Where(a => a.Recognized).Take(30).Select(a => a.KeyId));
    }
}
