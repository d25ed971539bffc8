using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Tests.Data.NumPy;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

public sealed class SketchRnnNpzReaderTests
{
    [RealDataFact]
    public void ReadsTheSheepFileWithTheCountsAndValuesPythonSees()
    {
        var reader = new SketchRnnNpzReader(BadRecordPolicy.Throw);
        SketchRnnDataset sheep = reader.Read(SharedData.PathOf("sketchrnn", "aaron_sheep.npz"));

        sheep.Train.Count.ShouldBe(7400);
        sheep.Validation.Count.ShouldBe(300);
        sheep.Test.Count.ShouldBe(300);
        reader.Report.Accepted.ShouldBe(8000);

        // Reference numbers from python3 (zipfile + pickletools + struct) on the same file.
        sheep.Train[0].Length.ShouldBe(156);
        sheep.Train[0].Data.Take(12).ShouldBe([2f, -4f, 0f, 9f, -9f, 0f, 16f, -7f, 0f, 10f, 0f, 0f]);
        sheep.Validation[0].Length.ShouldBe(98);
        sheep.Validation[0].Data.Take(6).ShouldBe([-8f, -2f, 0f, -12f, 0f, 0f]);
        sheep.Test[0].Length.ShouldBe(74);
        sheep.Train.Sum(s => s.Data.Sum(v => (long)v)).ShouldBe(720_860L);
        sheep.Train.Sum(s => s.Length).ShouldBe(926_652);
        sheep.Train.Min(s => s.Length).ShouldBe(20);
        sheep.Train.Max(s => s.Length).ShouldBe(250);
        sheep.Train.Sum(s => Enumerable.Range(0, s.Length).Sum(i => (long)s.PenLift(i))).ShouldBe(85_775L);
        sheep.Validation.Sum(s => s.Data.Sum(v => (long)v)).ShouldBe(26_682L);
        sheep.Test.Sum(s => s.Data.Sum(v => (long)v)).ShouldBe(28_290L);
        SketchRnnNpzReader.ListMembers(SharedData.PathOf("sketchrnn", "aaron_sheep.npz")).OrderBy(m => m).ShouldBe(["test", "train", "valid"]);
    }

    [Fact]
    public void ReadsAHandBuiltNpzExactly()
    {
        using var temp = new TempDirectory();
        string path = temp.File("tiny.npz");
        var a = new NpyFixtures.Element("i2", 2, NpyFixtures.Int16Rows(1, -2, 0, 300, 4, 1));
        var b = new NpyFixtures.Element("i2", 1, NpyFixtures.Int16Rows(-32768, 32767, 1));
        NpyFixtures.WriteNpz(path, new Dictionary<string, byte[]>
        {
            ["train.npy"] = NpyFixtures.ObjectArrayNpy([a, b]),
            ["valid.npy"] = NpyFixtures.ObjectArrayNpy([b]),
            ["test.npy"] = NpyFixtures.ObjectArrayNpy([]),
        });

        SketchRnnDataset data = new SketchRnnNpzReader(BadRecordPolicy.Throw).Read(path);

        data.Train.Count.ShouldBe(2);
        data.Train[0].Data.ShouldBe([1f, -2f, 0f, 300f, 4f, 1f]);
        data.Train[1].Data.ShouldBe([-32768f, 32767f, 1f]);
        data.Validation.Single().Length.ShouldBe(1);
        data.Test.ShouldBeEmpty();
    }

    [Fact]
    public void AnElementOfAnotherDtypeOrShapeIsABadRecord()
    {
        using var temp = new TempDirectory();
        string path = temp.File("odd.npz");
        var good = new NpyFixtures.Element("i2", 1, NpyFixtures.Int16Rows(1, 2, 1));
        var float64 = new NpyFixtures.Element("f8", 1, new byte[24]);
        var twoColumns = new NpyFixtures.Element("i2", 1, NpyFixtures.Int16Rows(1, 2), Columns: 2);
        NpyFixtures.WriteNpz(path, new Dictionary<string, byte[]> { ["train.npy"] = NpyFixtures.ObjectArrayNpy([good, float64, twoColumns]) });

        var lenient = new SketchRnnNpzReader();
        lenient.ReadMember(path, "train").Count.ShouldBe(1);
        lenient.Report.BadRecordCounts[BadRecordKind.UnsupportedFormat].ShouldBe(2);
        lenient.Report.Examples[0].Index.ShouldBe(1);
        lenient.Report.Examples[0].Reason.ShouldContain("'f8'");
        lenient.Report.Examples[1].Reason.ShouldContain("(1, 2)");

        DataFormatException ex = Should.Throw<DataFormatException>(() => new SketchRnnNpzReader(BadRecordPolicy.Throw).ReadMember(path, "train"));
        ex.Message.ShouldStartWith(path + ":train.npy record 1: UnsupportedFormat:");
    }

    [Fact]
    public void APickleThatCallsAnythingElseIsRefused()
    {
        using var temp = new TempDirectory();
        string path = temp.File("evil.npz");
        byte[] pickle = NpyFixtures.ObjectArrayPickle([], reconstructModule: "os", reconstructName: "system");
        NpyFixtures.WriteNpz(path, new Dictionary<string, byte[]> { ["train.npy"] = NpyFixtures.Npy("{'descr': '|O', 'fortran_order': False, 'shape': (0,), }", pickle) });

        DataFormatException ex = Should.Throw<DataFormatException>(() => new SketchRnnNpzReader(BadRecordPolicy.Throw).ReadMember(path, "train"));
        ex.Message.ShouldContain("os.system is not allowed");
        ex.Record.Unit.ShouldBe("byte");
        ex.Record.Index.ShouldBe(128 + 2); // offset in the member: 128-byte .npy header, then PROTO
    }

    [Fact]
    public void AnUnknownOpcodeOrATruncatedPickleIsRefusedWithItsOffset()
    {
        using var temp = new TempDirectory();
        byte[] pickle = NpyFixtures.ObjectArrayPickle([new NpyFixtures.Element("i2", 1, NpyFixtures.Int16Rows(1, 2, 1))]);
        const string header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";

        byte[] withFloat = [.. pickle[..2], (byte)'G', .. new byte[8], .. pickle[2..]];
        string p1 = temp.File("opcode.npz");
        NpyFixtures.WriteNpz(p1, new Dictionary<string, byte[]> { ["train.npy"] = NpyFixtures.Npy(header, withFloat) });
        DataFormatException ex1 = Should.Throw<DataFormatException>(() => new SketchRnnNpzReader(BadRecordPolicy.Throw).ReadMember(p1, "train"));
        ex1.Message.ShouldContain("opcode 0x47");
        ex1.Record.Index.ShouldBe(128 + 2);

        string p2 = temp.File("cut.npz");
        NpyFixtures.WriteNpz(p2, new Dictionary<string, byte[]> { ["train.npy"] = NpyFixtures.Npy(header, pickle[..^10]) });
        DataFormatException ex2 = Should.Throw<DataFormatException>(() => new SketchRnnNpzReader(BadRecordPolicy.Throw).ReadMember(p2, "train"));
        ex2.Record.Kind.ShouldBe(BadRecordKind.Truncated);

        Should.Throw<DataFormatException>(() => new SketchRnnNpzReader(BadRecordPolicy.Throw).ReadMember(p2, "nope")).Message.ShouldContain("no member 'nope.npy'");
    }
}
