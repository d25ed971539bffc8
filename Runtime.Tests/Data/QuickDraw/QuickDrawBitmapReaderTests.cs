using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.NumPy;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Tests.Data.NumPy;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

public sealed class QuickDrawBitmapReaderTests
{
    [RealDataTheory]
    [InlineData("apple", 26080, 44266319L, 17890)]
    [InlineData("bicycle", 35690, 51692268L, 26486)]
    [InlineData("cat", 39550, 59911800L, 44948)]
    [InlineData("diamond", 26109, 46312386L, 50216)]
    [InlineData("eye", 24968, 50777239L, 34124)]
    [InlineData("fish", 26499, 42983177L, 27841)]
    public void ReadsEveryBitmapFileWithThePixelSumsPythonSees(string word, int firstSum, long totalSum, int lastSum)
    {
        string path = SharedData.PathOf("quickdraw", "numpy_bitmap", word + ".npy");
        NpyHeader header = QuickDrawBitmapReader.ReadHeader(path);
        header.Descr.ShouldBe("|u1");
        header.FortranOrder.ShouldBeFalse();
        header.Shape.ShouldBe([1500L, 1L, 784L]);
        header.DataOffset.ShouldBe(128);

        var reader = new QuickDrawBitmapReader(BadRecordPolicy.Throw);
        var images = reader.ReadFile(path).ToList();
        images.Count.ShouldBe(1500);
        images[0].Sum(b => b).ShouldBe(firstSum);
        images[^1].Sum(b => b).ShouldBe(lastSum);
        images.Sum(i => i.Sum(b => (long)b)).ShouldBe(totalSum);
        reader.Report.Accepted.ShouldBe(1500);
    }

    [RealDataFact]
    public void PositionalSplitOfBitmapsGives1200TrainAnd300TestAsATensor()
    {
        var reader = new QuickDrawBitmapReader();
        var policy = new PositionalSplitPolicy(1200, 0, 300);
        var assigned = policy.Apply(reader.ReadFile(SharedData.PathOf("quickdraw", "numpy_bitmap", "fish.npy")), _ => "fish", _ => 0).ToList();
        var train = assigned.Where(a => a.Split == DataSplit.Train).Select(a => a.Item).ToList();
        var test = assigned.Where(a => a.Split == DataSplit.Test).Select(a => a.Item).ToList();
        train.Count.ShouldBe(1200);
        test.Count.ShouldBe(300);
        test[^1].Sum(b => b).ShouldBe(27841);

        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Tensor x = BitmapTensors.ToTensor(test);
        x.shape.ShouldBe([300L, 1L, 28L, 28L]);
        x.dtype.ShouldBe(ScalarType.Float32);
        x[^1].sum().item<float>().ShouldBe(27841f / 255f, 1e-2f);
        x.max().item<float>().ShouldBeLessThanOrEqualTo(1f);
    }

    [Fact]
    public void AcceptsTheFlatShapeOfGooglesOriginalFilesAndStopsAtMaxImages()
    {
        byte[] pixels = Enumerable.Range(0, 3 * 784).Select(i => (byte)(i % 251)).ToArray();
        byte[] npy = NpyFixtures.Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 784), }", pixels);

        var reader = new QuickDrawBitmapReader(BadRecordPolicy.Throw);
        var all = reader.Read(new MemoryStream(npy), "flat.npy").ToList();
        all.Count.ShouldBe(3);
        all[2].ShouldBe(pixels[(2 * 784)..]);
        reader.Read(new MemoryStream(npy), "flat.npy", maxImages: 2).Count().ShouldBe(2);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 784), }", "dtype '<f4' is not uint8")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 28, 28), }", "shape (3, 28, 28) is not (N, 784) or (N, 1, 784)")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (2352,), }", "shape (2352,) is not")]
    [InlineData("{'descr': '|u1', 'fortran_order': True, 'shape': (3, 784), }", "fortran_order is True")]
    [InlineData("{'descr': '|u1', 'shape': (3, 784), }", "no 'fortran_order'")]
    public void RefusesOtherDtypesShapesAndOrdersWithAClearMessage(string dict, string expected)
    {
        byte[] npy = NpyFixtures.Npy(dict, new byte[3 * 784]);
        DataFormatException ex = Should.Throw<DataFormatException>(() => new QuickDrawBitmapReader(BadRecordPolicy.Throw).Read(new MemoryStream(npy), "odd.npy").ToList());
        ex.Message.ShouldStartWith("odd.npy");
        ex.Message.ShouldContain(expected);
    }

    [Fact]
    public void RefusesAFileThatIsNotNpy()
    {
        DataFormatException ex = Should.Throw<DataFormatException>(() => new QuickDrawBitmapReader(BadRecordPolicy.Throw).Read(new MemoryStream("PK\x03\x04 not numpy"u8.ToArray()), "zip.npy").ToList());
        ex.Message.ShouldContain("\\x93NUMPY");
    }

    [Fact]
    public void AFileShorterThanItsHeaderSaysIsReportedOrThrown()
    {
        byte[] npy = NpyFixtures.Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 1, 784), }", new byte[(2 * 784) + 100]);

        var lenient = new QuickDrawBitmapReader();
        lenient.Read(new MemoryStream(npy), "short.npy").Count().ShouldBe(2);
        BadRecord bad = lenient.Report.Examples.Single();
        bad.Kind.ShouldBe(BadRecordKind.Truncated);
        bad.Index.ShouldBe(2);

        DataFormatException ex = Should.Throw<DataFormatException>(() => new QuickDrawBitmapReader(BadRecordPolicy.Throw).Read(new MemoryStream(npy), "short.npy").ToList());
        ex.Message.ShouldStartWith("short.npy record 2: Truncated:");
    }

    [Fact]
    public void ReadsVersion2Headers()
    {
        const string dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 784), }";
        string header = dict;
        while ((12 + header.Length + 1) % 64 != 0)
        {
            header += " ";
        }

        header += "\n";
        byte[] npy = [0x93, .. "NUMPY"u8.ToArray(), 2, 0, .. BitConverter.GetBytes((uint)header.Length), .. System.Text.Encoding.ASCII.GetBytes(header), .. new byte[784]];
        NpyHeader parsed = NpyHeader.Read(new MemoryStream(npy), "v2.npy");
        parsed.MajorVersion.ShouldBe(2);
        parsed.DataOffset.ShouldBe(12 + header.Length);
        parsed.ElementCount.ShouldBe(784);
    }
}
