using System;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.NumPy;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

namespace QuickDrawDsl.Runtime.Tests.Data.NumPy;

/// <summary>
/// The .npy header parser on hand-built headers (versions 1, 2, 3; every dict form NumPy writes; every refusal with
/// its exact reason) and the bitmap reader's checks of what the header describes.
/// </summary>
public sealed class NpyHeaderTests
{
    [Theory]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 784), }", "|u1", false, new long[] { 3, 784 }, 2352L)]
    [InlineData("{\"descr\":\"<i2\",\"fortran_order\":True,\"shape\":(5L,)}", "<i2", true, new long[] { 5 }, 5L)]
    [InlineData("  {'shape': (), 'descr': '<f8', 'fortran_order': False}", "<f8", false, new long[0], 1L)]
    [InlineData("{'fortran_order': False, 'shape': (0, 3), 'descr': '|O'}", "|O", false, new long[] { 0, 3 }, 0L)]
    [InlineData("{'descr':'|u1','fortran_order':False,'shape':(2,3L,4)}", "|u1", false, new long[] { 2, 3, 4 }, 24L)]
    public void HeadersInEveryFormNumPyWritesAreRead(string dict, string descr, bool fortran, long[] shape, long elements)
    {
        byte[] payload = [1, 2, 3];
        byte[] npy = NpyFixtures.Npy(dict, payload);
        using var stream = new MemoryStream(npy);

        NpyHeader header = NpyHeader.Read(stream, "a.npy");

        (header.Descr, header.FortranOrder, header.MajorVersion).ShouldBe((descr, fortran, 1));
        header.Shape.ShouldBe(shape);
        header.ElementCount.ShouldBe(elements);
        header.DataOffset.ShouldBe(npy.Length - payload.Length);
        stream.Position.ShouldBe(header.DataOffset);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Versions2And3HaveAFourByteLengthAndVersion3IsUtf8(int major)
    {
        byte[] npy = Npy(major, 0, "{'descr': '|u1é', 'fortran_order': False, 'shape': (1, 784), }", major == 3 ? Encoding.UTF8 : Encoding.Latin1, [9, 9]);
        using var stream = new MemoryStream(npy);

        NpyHeader header = NpyHeader.Read(stream, "v.npy");

        header.MajorVersion.ShouldBe(major);
        header.Descr.ShouldBe("|u1é");
        header.DataOffset.ShouldBe(npy.Length - 2);
        stream.Position.ShouldBe(npy.Length - 2);
    }

    [Fact]
    public void Version1HeadersAreLatin1()
    {
        byte[] npy = Npy(1, 0, "{'descr': 'é', 'fortran_order': False, 'shape': (), }", Encoding.UTF8, []);
        NpyHeader.Read(new MemoryStream(npy), "v1.npy").Descr.ShouldBe("Ã©");
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 10 })]
    [InlineData(new byte[] { 0x92, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 10, 0, 0, 0 })]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'X', 1, 0, 10, 0, 0, 0 })]
    [InlineData(new byte[] { 0x93, (byte)'M', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 10, 0, 0, 0 })]
    public void AnythingWithoutTheMagicIsNotNpy(byte[] bytes) =>
        Refusal(bytes).ShouldBe((BadRecordKind.UnsupportedFormat, "not a NumPy .npy file (missing the \\x93NUMPY magic)"));

    [Theory]
    [InlineData(0, 0, ".npy format version 0.0 is not supported (1.0, 2.0 and 3.0 are)")]
    [InlineData(4, 1, ".npy format version 4.1 is not supported (1.0, 2.0 and 3.0 are)")]
    public void OtherFormatVersionsAreNamed(int major, int minor, string reason) =>
        Refusal(Npy(major, minor, "{'descr': '|u1', 'fortran_order': False, 'shape': (), }", Encoding.Latin1, [])).ShouldBe((BadRecordKind.UnsupportedFormat, reason));

    [Theory]
    [InlineData(2, 10)]
    [InlineData(2, 11)]
    [InlineData(3, 10)]
    [InlineData(1, 20)]
    [InlineData(2, 30)]
    public void AHeaderCutShortIsTruncated(int major, int keep)
    {
        byte[] npy = Npy(major, 0, "{'descr': '|u1', 'fortran_order': False, 'shape': (), }", Encoding.Latin1, []);
        Refusal(npy[..keep]).ShouldBe((BadRecordKind.Truncated, "the file ends inside the .npy header"));
    }

    [Fact]
    public void AHeaderLengthOverOneMebibyteIsImplausibleAndOneMebibyteIsRead()
    {
        byte[] Prefix(uint length) => [0x93, .. "NUMPY"u8.ToArray(), 2, 0, .. BitConverter.GetBytes(length)];

        Refusal(Prefix((1u << 20) + 1)).ShouldBe((BadRecordKind.UnsupportedFormat, ".npy header length 1048577 is implausible"));
        Refusal(Prefix(uint.MaxValue)).ShouldBe((BadRecordKind.UnsupportedFormat, ".npy header length 4294967295 is implausible"));
        Refusal(Prefix(1u << 20)).ShouldBe((BadRecordKind.Truncated, "the file ends inside the .npy header"));

        string dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (), }".PadRight(1 << 20);
        NpyHeader.Read(new MemoryStream([.. Prefix(1u << 20), .. Encoding.Latin1.GetBytes(dict)]), "big.npy").DataOffset.ShouldBe(12 + (1 << 20));
    }

    [Theory]
    [InlineData("'descr': '|u1'", "expected '{' at offset 0 of the .npy header")]
    [InlineData("{'descr' '|u1'}", "expected ':' at offset 9 of the .npy header")]
    [InlineData("{descr: '|u1'}", "expected a quoted string at offset 1 of the .npy header")]
    [InlineData("{'descr': |u1}", "expected a quoted string at offset 10 of the .npy header")]
    [InlineData("{'descr': '|u1}", "unterminated string in the .npy header")]
    [InlineData("{'descr': '|u1', 'extra': 1}", "unexpected key 'extra' in the .npy header")]
    [InlineData("{'fortran_order': false, 'descr': '|u1', 'shape': ()}", "fortran_order must be True or False")]
    [InlineData("{'fortran_order': Tru}", "fortran_order must be True or False")]
    [InlineData("{'shape': (3, x)}", "shape must be a tuple of non-negative integers, at offset 14")]
    [InlineData("{'shape': (-1,)}", "shape must be a tuple of non-negative integers, at offset 11")]
    [InlineData("{'shape': 3}", "expected '(' at offset 10 of the .npy header")]
    [InlineData("{'shape': (3,", "the .npy header dict is not closed")]
    [InlineData("{'descr': '|u1'", "the .npy header dict is not closed")]
    [InlineData("", "the .npy header dict is not closed")]
    [InlineData("{'fortran_order': False, 'shape': (3, 784)}", "the .npy header has no 'descr'")]
    [InlineData("{'descr': '|u1', 'shape': (3, 784)}", "the .npy header has no 'fortran_order'")]
    [InlineData("{'descr': '|u1', 'fortran_order': False}", "the .npy header has no 'shape'")]
    public void ABrokenDictIsRefusedWithWhereAndWhat(string dict, string reason) =>
        Refusal(Npy(1, 0, dict, Encoding.Latin1, [], pad: false)).ShouldBe((BadRecordKind.UnsupportedFormat, reason));

    [Fact]
    public void TheRefusalNamesTheSourceAsRecordZero()
    {
        DataFormatException ex = Should.Throw<DataFormatException>(() => NpyHeader.Read(new MemoryStream([1, 2, 3]), "x.npy"));
        (ex.Record.Source, ex.Record.Unit, ex.Record.Index).ShouldBe(("x.npy", "record", 0L));
        Should.Throw<ArgumentNullException>(() => NpyHeader.Read(null!, "x.npy"));
        Should.Throw<ArgumentNullException>(() => NpyHeader.Read(new MemoryStream(), null!));
    }

    [Fact]
    public void AnElementCountThatOverflowsThrows()
    {
        byte[] npy = NpyFixtures.Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", []);
        NpyHeader header = NpyHeader.Read(new MemoryStream(npy), "huge.npy");
        header.Shape.ShouldBe([4294967296L, 4294967296L]);
        Should.Throw<OverflowException>(() => header.ElementCount);
    }

    [Theory]
    [InlineData("|u1")]
    [InlineData("u1")]
    [InlineData("<u1")]
    [InlineData(">u1")]
    [InlineData("=u1")]
    [InlineData("|B")]
    [InlineData("B")]
    public void EverySpellingOfUint8IsABitmapDtype(string descr) =>
        QuickDrawBitmapReader.ValidateHeader(Header($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (7, 784), }}"), "b.npy").ShouldBe(7);

    [Theory]
    [InlineData("{'descr': '|i1', 'fortran_order': False, 'shape': (3, 784), }", "dtype '|i1' is not uint8 ('|u1'): QuickDraw bitmaps are bytes")]
    [InlineData("{'descr': '|u1', 'fortran_order': True, 'shape': (3, 784), }", "fortran_order is True: only C-order bitmaps are supported")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 783), }", "shape (3, 783) is not (N, 784) or (N, 1, 784)")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 2, 784), }", "shape (3, 2, 784) is not (N, 784) or (N, 1, 784)")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 1, 785), }", "shape (3, 1, 785) is not (N, 784) or (N, 1, 784)")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (784,), }", "shape (784,) is not (N, 784) or (N, 1, 784)")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (), }", "shape () is not (N, 784) or (N, 1, 784)")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1, 1, 784), }", "shape (1, 1, 1, 784) is not (N, 784) or (N, 1, 784)")]
    public void HeadersThatAreNotBitmapsAreRefusedWithTheReason(string dict, string reason)
    {
        DataFormatException ex = Should.Throw<DataFormatException>(() => QuickDrawBitmapReader.ValidateHeader(Header(dict), "odd.npy"));
        (ex.Record.Kind, ex.Record.Reason, ex.Record.Source).ShouldBe((BadRecordKind.UnsupportedFormat, reason, "odd.npy"));
    }

    [Fact]
    public void TheThreeDimensionalShapeCountsItsFirstAxis() =>
        QuickDrawBitmapReader.ValidateHeader(Header("{'descr': '|u1', 'fortran_order': False, 'shape': (5, 1, 784), }"), "b.npy").ShouldBe(5);

    [Fact]
    public void ALenientReaderReportsABadHeaderAndReadsNothing()
    {
        byte[] npy = NpyFixtures.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 784), }", new byte[4 * 784]);
        var reader = new QuickDrawBitmapReader();

        reader.Read(new MemoryStream(npy), "f.npy").ShouldBeEmpty();
        BadRecord bad = reader.Report.Examples.Single();
        (bad.Kind, bad.Index, bad.Reason).ShouldBe((BadRecordKind.UnsupportedFormat, 0L, "dtype '<f4' is not uint8 ('|u1'): QuickDraw bitmaps are bytes"));
        reader.Report.Accepted.ShouldBe(0);
    }

    [Fact]
    public void TruncatedImagesAreNamedWithTheBytesFoundAndMaxImagesStopsBeforeThem()
    {
        byte[] npy = NpyFixtures.Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 784), }", new byte[(2 * 784) + 100]);

        var reader = new QuickDrawBitmapReader();
        reader.Read(new MemoryStream(npy), "short.npy").Count().ShouldBe(2);
        reader.Report.Accepted.ShouldBe(2);
        reader.Report.Examples.Single().Reason.ShouldBe("the file ends inside image 2 (100 of 784 bytes); the header promises 3 images");

        var capped = new QuickDrawBitmapReader();
        capped.Read(new MemoryStream(npy), "short.npy", maxImages: 2).Count().ShouldBe(2);
        capped.Report.BadRecords.ShouldBe(0);
        capped.Read(new MemoryStream(npy), "short.npy", maxImages: 0).ShouldBeEmpty();
        Should.Throw<ArgumentOutOfRangeException>(() => capped.Read(new MemoryStream(npy), "short.npy", maxImages: -1).ToList());
    }

    [Fact]
    public void LoadFilePacksTheImagesBackToBack()
    {
        using var temp = new TempDirectory();
        byte[] pixels = Enumerable.Range(0, 3 * 784).Select(i => (byte)(i % 253)).ToArray();
        string path = temp.File("three.npy");
        File.WriteAllBytes(path, NpyFixtures.Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 784), }", pixels));

        var reader = new QuickDrawBitmapReader(BadRecordPolicy.Throw);
        (byte[] all, int count) = reader.LoadFile(path);
        count.ShouldBe(3);
        all.ShouldBe(pixels);
        (byte[] two, int twoCount) = reader.LoadFile(path, maxImages: 2);
        twoCount.ShouldBe(2);
        two.ShouldBe(pixels[..(2 * 784)]);
        QuickDrawBitmapReader.ReadHeader(path).Shape.ShouldBe([3L, 784L]);
    }

    [Fact]
    public void AnIoErrorIsReportedAtTheImageItHappened()
    {
        byte[] npy = NpyFixtures.Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 784), }", new byte[3 * 784]);
        var reader = new QuickDrawBitmapReader();
        var stream = new FailingStream(npy, failAfter: npy.Length - 784);

        reader.Read(stream, "disk.npy").Count().ShouldBe(2);
        BadRecord bad = reader.Report.Examples.Single();
        (bad.Kind, bad.Index, bad.Reason).ShouldBe((BadRecordKind.Unreadable, 2L, "reading stopped by an I/O error: disk gone"));

        var early = new QuickDrawBitmapReader();
        early.Read(new FailingStream(npy, failAfter: 5), "disk.npy").ShouldBeEmpty();
        (early.Report.Examples.Single().Kind, early.Report.Examples.Single().Index).ShouldBe((BadRecordKind.Unreadable, 0L));
    }

    private static NpyHeader Header(string dict) => NpyHeader.Read(new MemoryStream(NpyFixtures.Npy(dict, [])), "h.npy");

    private static (BadRecordKind Kind, string Reason) Refusal(byte[] bytes)
    {
        DataFormatException ex = Should.Throw<DataFormatException>(() => NpyHeader.Read(new MemoryStream(bytes), "n.npy"));
        return (ex.Record.Kind, ex.Record.Reason);
    }

    internal static byte[] Npy(int major, int minor, string dict, Encoding encoding, byte[] payload, bool pad = true)
    {
        int prefix = major == 1 ? 10 : 12;
        byte[] text = encoding.GetBytes(dict);
        if (pad)
        {
            int padded = text.Length + 1;
            while ((prefix + padded) % 64 != 0)
            {
                padded++;
            }

            text = [.. text, .. Enumerable.Repeat((byte)' ', padded - text.Length - 1), (byte)'\n'];
        }

        byte[] length = major == 1 ? BitConverter.GetBytes((ushort)text.Length) : BitConverter.GetBytes((uint)text.Length);
        return [0x93, .. "NUMPY"u8.ToArray(), (byte)major, (byte)minor, .. length, .. text, .. payload];
    }
}
