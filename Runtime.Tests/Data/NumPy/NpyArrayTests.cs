using System;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.NumPy;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Runtime.Tests.Data.NumPy;

public sealed class NpyArrayTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("qd-npy-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Float32ChannelsFirstClipRoundTrips()
    {
        string path = Path.Combine(dir, "clip.npy");
        float[] values = Enumerable.Range(0, 2 * 3 * 4 * 5).Select(i => i * 0.5f).ToArray();
        NpyArray.Write(path, [2, 3, 4, 5], values);

        NpyArray array = NpyArray.Read(path);
        array.DType.ShouldBe("<f4");
        array.Shape.ShouldBe([2, 3, 4, 5]);
        array.Data.ShouldBe(values);

        VideoClip clip = VideoClipReader.FromNpy(path, ClipLayout.ChannelsFramesHeightWidth, label: 3);
        clip.Shape.ShouldBe([2L, 3, 4, 5]);
        clip.Label.ShouldBe(3);
        clip.At(1, 2, 3, 4).ShouldBe(values[^1]);
        (new FileInfo(path).Length % 64).ShouldBe(values.Length * 4 % 64, "the header is padded to 64 bytes");
    }

    [Fact]
    public void UInt8FramesLastClipIsTransposedAndScaled()
    {
        // [F=2, H=2, W=3, C=2], value = 100·f + 10·y + x + (c == 1 ? 50 : 0)
        const int frames = 2, height = 2, width = 3, channels = 2;
        var values = new float[frames * height * width * channels];
        int i = 0;
        for (int f = 0; f < frames; f++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        values[i++] = (100 * f) + (10 * y) + x + (c == 1 ? 50 : 0);
                    }
                }
            }
        }

        string path = Path.Combine(dir, "frames.npy");
        NpyArray.Write(path, [frames, height, width, channels], values, asUInt8: true);
        NpyArray.Read(path).DType.ShouldBe("|u1");

        VideoClip clip = VideoClipReader.FromNpy(path, ClipLayout.FramesHeightWidthChannels, label: 1);
        clip.Shape.ShouldBe([2L, 2, 2, 3]);
        clip.At(0, 1, 1, 2).ShouldBe(112f / 255f, tolerance: 1e-6);
        clip.At(1, 0, 0, 1).ShouldBe(51f / 255f, tolerance: 1e-6);
        clip.At(1, 1, 1, 0).ShouldBe(160f / 255f, tolerance: 1e-6);
    }

    [Fact]
    public void ParsesAHandWrittenBigEndianVersion2Header()
    {
        string header = "{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }";
        header += new string(' ', 64 - ((12 + header.Length + 1) % 64)) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0]);
        stream.Write(BitConverter.GetBytes((uint)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        foreach (float v in new[] { 1.5f, -2f, 1e6f })
        {
            byte[] bytes = BitConverter.GetBytes(v);
            Array.Reverse(bytes);
            stream.Write(bytes);
        }

        stream.Position = 0;
        NpyArray array = NpyArray.Read(stream, "v2.npy");
        array.Shape.ShouldBe([3]);
        array.Data.ShouldBe([1.5f, -2f, 1e6f]);
    }

    [Fact]
    public void BadFilesAreRefusedWithTheFileName()
    {
        string path = Path.Combine(dir, "short.npy");
        NpyArray.Write(path, [4, 4], new float[16]);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^8]);
        var truncated = Should.Throw<DataFormatException>(() => NpyArray.Read(path));
        truncated.Message.ShouldContain(path);
        truncated.Message.ShouldContain("truncated");

        string doubles = Path.Combine(dir, "f8.npy");
        File.WriteAllBytes(doubles, bytes.ToArray());
        byte[] patched = File.ReadAllBytes(doubles);
        int at = Encoding.Latin1.GetString(patched).IndexOf("<f4", StringComparison.Ordinal);
        patched[at + 2] = (byte)'8';
        File.WriteAllBytes(doubles, patched);
        Should.Throw<DataFormatException>(() => NpyArray.Read(doubles)).Message.ShouldBe($"{doubles} record 0: UnsupportedFormat: unsupported dtype '<f8' (expected |u1 or <f4)");

        string notNpy = Path.Combine(dir, "text.npy");
        File.WriteAllText(notNpy, "hello world, not numpy");
        Should.Throw<DataFormatException>(() => NpyArray.Read(notNpy)).Record.ShouldBe(new BadRecord(notNpy, "record", 0, BadRecordKind.UnsupportedFormat, "not a NumPy .npy file (missing the \\x93NUMPY magic)"));

        string flat = Path.Combine(dir, "flat.npy");
        NpyArray.Write(flat, [8], new float[8]);
        Should.Throw<DataFormatException>(() => VideoClipReader.FromNpy(flat, ClipLayout.ChannelsFramesHeightWidth, 0)).Message.ShouldBe($"{flat} record 0: UnsupportedFormat: a clip needs 4 dimensions, the array has shape (8)");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryFormatVersionIsReadThroughTheOneHeaderParser(int major)
    {
        byte[] npy = NpyHeaderTests.Npy(major, 0, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }", major == 3 ? Encoding.UTF8 : Encoding.Latin1, [0, 1, 2, 253, 254, 255]);

        NpyArray array = NpyArray.Read(new MemoryStream(npy), "v.npy");

        (array.DType, array.Shape.Count, array.Shape[0], array.Shape[1]).ShouldBe(("|u1", 2, 2, 3));
        array.Data.ShouldBe([0f, 1f, 2f, 253f, 254f, 255f]);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", "Fortran-order arrays are not supported (save with C order)")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", "unsupported dtype '<f8' (expected |u1 or <f4)")]
    [InlineData("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 2), }", "unsupported dtype '<i2' (expected |u1 or <f4)")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3000000000, 1), }", "dimension 0 of the shape (3000000000) is too large for one array")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", "10000000000 values of <f4 are too many for one array")]
    public void ArraysItCannotHoldAreRefusedWithTheReason(string dict, string reason)
    {
        byte[] npy = NpyHeaderTests.Npy(1, 0, dict, Encoding.Latin1, []);

        Should.Throw<DataFormatException>(() => NpyArray.Read(new MemoryStream(npy), "a.npy")).Record
            .ShouldBe(new BadRecord("a.npy", "record", 0, BadRecordKind.UnsupportedFormat, reason));
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 16, 15)]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (5,), }", 5, 0)]
    public void TruncatedDataIsNamedWithHowMuchArrived(string dict, int needed, int given)
    {
        byte[] npy = NpyHeaderTests.Npy(2, 0, dict, Encoding.Latin1, new byte[given]);

        BadRecord record = Should.Throw<DataFormatException>(() => NpyArray.Read(new MemoryStream(npy), "t.npy")).Record;

        record.Kind.ShouldBe(BadRecordKind.Truncated);
        record.Reason.ShouldStartWith($"truncated .npy file: ended inside the data ({given} of {needed} bytes");
    }

    [Theory]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 7, 0, 10, 0, 0, 0 })]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 10 })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 })]
    public void AMalformedHeaderGetsTheSameRecordAsFromTheHeaderParser(byte[] bytes)
    {
        BadRecord fromHeader = Should.Throw<DataFormatException>(() => NpyHeader.Read(new MemoryStream(bytes), "m.npy")).Record;

        Should.Throw<DataFormatException>(() => NpyArray.Read(new MemoryStream(bytes), "m.npy")).Record.ShouldBe(fromHeader);
    }

    [Theory]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2x), }")]
    [InlineData("{'descr': '|u1', 'shape': (1, 2), }")]
    [InlineData("{'descr': '|u1', 'fortran_order': Maybe, 'shape': (1, 2), }")]
    public void AMalformedDictGetsTheSameRecordAsFromTheHeaderParser(string dict)
    {
        byte[] npy = NpyHeaderTests.Npy(1, 0, dict, Encoding.Latin1, [1, 2]);
        BadRecord fromHeader = Should.Throw<DataFormatException>(() => NpyHeader.Read(new MemoryStream(npy), "d.npy")).Record;

        Should.Throw<DataFormatException>(() => NpyArray.Read(new MemoryStream(npy), "d.npy")).Record.ShouldBe(fromHeader);
    }
}
