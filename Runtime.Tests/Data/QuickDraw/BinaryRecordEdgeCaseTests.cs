using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

/// <summary>
/// Google's packed .bin records cut at every byte (each cut named by where it falls), empty strokes, the recognized
/// byte, the word from the file name, I/O errors and the per-file cap, on records built byte by byte.
/// </summary>
public sealed class BinaryRecordEdgeCaseTests
{
    // 17 header bytes, then stroke 0: count (2) + 3 x + 3 y, stroke 1: count (2) + 1 x + 1 y = 29 bytes.
    private static byte[] Record(ulong keyId, byte recognized = 1, uint seconds = 1_489_000_000, params byte[][] strokes)
    {
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes(keyId));
        bytes.AddRange("PL"u8.ToArray());
        bytes.Add(recognized);
        bytes.AddRange(BitConverter.GetBytes(seconds));
        bytes.AddRange(BitConverter.GetBytes((ushort)strokes.Length));
        foreach (byte[] xy in strokes)
        {
            bytes.AddRange(BitConverter.GetBytes((ushort)(xy.Length / 2)));
            bytes.AddRange(xy);
        }

        return bytes.ToArray();
    }

    private static byte[] TwoStrokes(ulong keyId) => Record(keyId, 1, 1_489_000_000, [0, 128, 255, 10, 20, 30], [7, 9]);

    public static TheoryData<int, string> Cuts()
    {
        var data = new TheoryData<int, string>();
        for (int cut = 1; cut < 17; cut++)
        {
            data.Add(cut, $"the file ends inside the record header ({cut} of 17 bytes)");
        }

        data.Add(17, "the file ends inside stroke 0 of 2 (point count)");
        data.Add(18, "the file ends inside stroke 0 of 2 (point count)");
        for (int cut = 19; cut < 25; cut++)
        {
            data.Add(cut, "the file ends inside stroke 0 of 2 (3 points)");
        }

        data.Add(25, "the file ends inside stroke 1 of 2 (point count)");
        data.Add(26, "the file ends inside stroke 1 of 2 (point count)");
        data.Add(27, "the file ends inside stroke 1 of 2 (1 points)");
        data.Add(28, "the file ends inside stroke 1 of 2 (1 points)");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public void EveryCutIsTruncatedAtTheRecordItFallsIn(int cut, string reason)
    {
        byte[] first = TwoStrokes(1);
        first.Length.ShouldBe(29);
        byte[] data = [.. first, .. TwoStrokes(2)[..cut]];
        var reader = new QuickDrawBinaryReader();

        reader.Read(new MemoryStream(data), "cut.bin", "cat").Select(d => d.KeyId).ShouldBe([1UL]);

        BadRecord bad = reader.Report.Examples.Single();
        (bad.Source, bad.Unit, bad.Index, bad.Kind, bad.Reason).ShouldBe(("cut.bin", "record", 1L, BadRecordKind.Truncated, reason));
        reader.Report.Accepted.ShouldBe(1);
    }

    [Fact]
    public void AnEmptyStrokeRejectsItsDrawingButNotTheNext()
    {
        byte[] data = [.. Record(1, 1, 0, [1, 2], [], [3, 4]), .. Record(2, 1, 0, [], []), .. TwoStrokes(3)];
        var reader = new QuickDrawBinaryReader();

        reader.Read(new MemoryStream(data), "e.bin", "cat").Select(d => d.KeyId).ShouldBe([3UL]);

        reader.Report.Examples.Select(e => (e.Index, e.Kind, e.Reason)).ShouldBe(
        [
            (0L, BadRecordKind.EmptyDrawing, "stroke 1 has no points"),
            (1L, BadRecordKind.EmptyDrawing, "stroke 0 has no points"),
        ]);
    }

    [Fact]
    public void ADrawingWithoutStrokesIsEmpty()
    {
        var reader = new QuickDrawBinaryReader();
        reader.Read(new MemoryStream([.. Record(1), .. TwoStrokes(2)]), "e.bin", "cat").Select(d => d.KeyId).ShouldBe([2UL]);
        reader.Report.Examples.Single().Reason.ShouldBe("drawing has no strokes");
        reader.Report.Examples.Single().Kind.ShouldBe(BadRecordKind.EmptyDrawing);
    }

    [Theory]
    [InlineData(0, true, false)]
    [InlineData(1, true, true)]
    [InlineData(2, false, false)]
    [InlineData(255, false, false)]
    public void RecognizedIsZeroOrOne(byte value, bool accepted, bool recognized)
    {
        var reader = new QuickDrawBinaryReader();
        List<Drawing> read = reader.Read(new MemoryStream(Record(5, value, 0, [1, 1])), "r.bin", "cat").ToList();

        read.Count.ShouldBe(accepted ? 1 : 0);
        if (accepted)
        {
            read[0].Recognized.ShouldBe(recognized);
        }
        else
        {
            BadRecord bad = reader.Report.Examples.Single();
            (bad.Kind, bad.Reason).ShouldBe((BadRecordKind.OutOfRange, $"recognized = {value} is neither 0 nor 1"));
        }
    }

    [Fact]
    public void AnEmptyStrokeIsReportedBeforeABadRecognizedByte()
    {
        var reader = new QuickDrawBinaryReader();
        reader.Read(new MemoryStream(Record(5, 7, 0, [1, 1], [])), "r.bin", "cat").ShouldBeEmpty();
        reader.Report.Examples.Single().Reason.ShouldBe("stroke 1 has no points");
    }

    [Fact]
    public void TheLargestTimestampAndKeyIdAndPointCountAreRead()
    {
        byte[] xy = Enumerable.Range(0, 2 * ushort.MaxValue).Select(i => (byte)(i % 256)).ToArray();
        Drawing d = new QuickDrawBinaryReader(new QuickDrawReadOptions { BadRecords = BadRecordPolicy.Throw })
            .Read(new MemoryStream(Record(ulong.MaxValue, 1, uint.MaxValue, xy)), "max.bin", "cat").Single();

        d.KeyId.ShouldBe(ulong.MaxValue);
        d.Timestamp.ShouldBe(new DateTimeOffset(2106, 2, 7, 6, 28, 15, TimeSpan.Zero));
        d.CountryCode.ShouldBe("PL");
        d.Strokes.Single().PointCount.ShouldBe(ushort.MaxValue);
        d.Strokes[0].X[^1].ShouldBe((ushort.MaxValue - 1) % 256);
        d.Strokes[0].Y[0].ShouldBe(ushort.MaxValue % 256);
        d.Strokes[0].T.ShouldBeNull();
    }

    [Fact]
    public void TheWordComesFromTheFileNameUnlessGiven()
    {
        using var temp = new TempDirectory();
        string path = temp.File("hot air balloon.bin");
        File.WriteAllBytes(path, [.. TwoStrokes(1), .. TwoStrokes(2)]);

        new QuickDrawBinaryReader().ReadFile(path).Select(d => d.Word).ShouldBe(["hot air balloon", "hot air balloon"]);
        new QuickDrawBinaryReader().ReadFile(path, "balloon").Select(d => d.Word).Distinct().ShouldBe(["balloon"]);
    }

    [Fact]
    public void AnIoErrorEndsTheStreamWithOneUnreadableRecord()
    {
        byte[] data = [.. TwoStrokes(1), .. TwoStrokes(2), .. TwoStrokes(3)];
        var reader = new QuickDrawBinaryReader();

        reader.Read(new FailingStream(data, failAfter: 29 + 20), "disk.bin", "cat").Select(d => d.KeyId).ShouldBe([1UL]);

        BadRecord bad = reader.Report.Examples.Single();
        (bad.Index, bad.Kind, bad.Reason).ShouldBe((1L, BadRecordKind.Unreadable, "reading stopped by an I/O error: disk gone"));
    }

    [Fact]
    public void ACappedOneClassFileStopsReadingAtTheCap()
    {
        // Everything after the second record is cut short: a reader that went on would report it.
        byte[] data = [.. TwoStrokes(1), .. TwoStrokes(2), .. TwoStrokes(3)[..5]];
        var reader = new QuickDrawBinaryReader(new QuickDrawReadOptions { MaxPerClass = 2, OneClassPerFile = true });

        reader.Read(new MemoryStream(data), "cap.bin", "cat").Select(d => d.KeyId).ShouldBe([1UL, 2UL]);
        reader.Report.BadRecords.ShouldBe(0);

        var onward = new QuickDrawBinaryReader(new QuickDrawReadOptions { MaxPerClass = 2, OneClassPerFile = false });
        onward.Read(new MemoryStream(data), "cap.bin", "cat").Count().ShouldBe(2);
        onward.Report.BadRecords.ShouldBe(1);
    }

    [Fact]
    public void StrictModeThrowsAtTheFirstBadRecord()
    {
        var reader = new QuickDrawBinaryReader(new QuickDrawReadOptions { BadRecords = BadRecordPolicy.Throw });
        DataFormatException ex = Should.Throw<DataFormatException>(() => reader.Read(new MemoryStream([.. TwoStrokes(1), .. Record(2, 9, 0, [1, 1])]), "s.bin", "cat").ToList());
        ex.Message.ShouldBe("s.bin record 1: OutOfRange: recognized = 9 is neither 0 nor 1");
    }

    [Fact]
    public void MissingArgumentsAreRefusedAtOnce()
    {
        var reader = new QuickDrawBinaryReader();
        Should.Throw<ArgumentNullException>(() => reader.Read(null!, "s", "w")).ParamName.ShouldBe("stream");
        Should.Throw<ArgumentNullException>(() => reader.Read(new MemoryStream(), null!, "w")).ParamName.ShouldBe("sourceName");
        Should.Throw<ArgumentNullException>(() => reader.Read(new MemoryStream(), "s", null!)).ParamName.ShouldBe("word");
        Should.Throw<ArgumentNullException>(() => reader.ReadFile(null!)).ParamName.ShouldBe("path");
    }
}
