using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>
/// The checkpoint container byte by byte, without training: every flipped byte, every truncation, trailing bytes,
/// other versions, hand-built version 1 files, signature mismatches at any entry, and the clean-up of temporary files.
/// </summary>
public sealed class CheckpointFileTests : IDisposable
{
    private const string Signature = "fc.weight[2,3]:Float32;fc.bias[2]:Float32";
    private static readonly byte[] Payload = Enumerable.Range(0, 40).Select(i => (byte)(i * 7)).ToArray();
    private readonly string dir = Path.Combine(Path.GetTempPath(), "qd-ckptfile-" + Guid.NewGuid().ToString("N"));

    public CheckpointFileTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string File1 => Path.Combine(dir, "run.ckpt");

    [Fact]
    public void AWrittenCheckpointHasTheDocumentedLayoutAndReadsBack()
    {
        CheckpointFile.Write(File1, Signature, Payload);
        byte[] bytes = File.ReadAllBytes(File1);

        bytes.AsSpan(0, 8).ToArray().ShouldBe("QDCKPT\r\n"u8.ToArray());
        BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)).ShouldBe(2);
        int header = 8 + 4 + 1 + Encoding.UTF8.GetByteCount(Signature) + 8;
        bytes.Length.ShouldBe(header + Payload.Length + 32);
        bytes.AsSpan(bytes.Length - 32).ToArray().ShouldBe(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)));
        CheckpointFile.Read(File1, Signature).ShouldBe(Payload);
        CheckpointFile.Read(File1, null).ShouldBe(Payload);
        Directory.GetFiles(dir).ShouldBe([File1]);
    }

    [Fact]
    public void EveryFlippedByteIsRefused()
    {
        CheckpointFile.Write(File1, Signature, Payload);
        byte[] good = File.ReadAllBytes(File1);
        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x10;
            File.WriteAllBytes(File1, bad);
            Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, null), $"byte {i}");
        }
    }

    [Fact]
    public void EveryTruncationIsRefusedAsTruncated()
    {
        CheckpointFile.Write(File1, Signature, Payload);
        byte[] good = File.ReadAllBytes(File1);
        for (int length = 1; length < good.Length; length++)
        {
            File.WriteAllBytes(File1, good[..length]);
            var error = Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature), $"length {length}");
            error.Problem.ShouldStartWith("is truncated", Case.Sensitive, $"length {length}");
        }

        File.WriteAllBytes(File1, good[..61]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem
            .ShouldBe("is truncated: the file ends inside its header (61 bytes).");
        File.WriteAllBytes(File1, good[..^10]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem
            .ShouldBe($"is truncated: the header declares {good.Length} bytes, the file holds {good.Length - 10}.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    public void TrailingBytesAreCorruption(int extra)
    {
        CheckpointFile.Write(File1, Signature, Payload);
        File.AppendAllText(File1, new string('x', extra));
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem
            .ShouldBe("is corrupt: the SHA-256 checksum does not match its contents.");
    }

    [Fact]
    public void ALengthFieldThatDisagreesWithAValidHashIsCorruption()
    {
        byte[] body = Header(2, Signature, Payload.Length - 1).Concat(Payload).ToArray();
        File.WriteAllBytes(File1, [.. body, .. SHA256.HashData(body)]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem
            .ShouldBe($"is corrupt: its header declares {Payload.Length - 1} payload bytes, the file holds {Payload.Length}.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void OtherFormatVersionsAreNamed(int version)
    {
        File.WriteAllBytes(File1, [.. Header(version, Signature, Payload.Length), .. Payload, .. new byte[32]]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem
            .ShouldBe($"has format version {version}; this build reads versions 1 and 2 (a flipped byte, or a checkpoint from a newer build).");
    }

    [Theory]
    [InlineData("")]
    [InlineData("QDCK")]
    [InlineData("PK\u0003\u0004 not a checkpoint at all")]
    public void OtherFilesAreNotCheckpoints(string text)
    {
        File.WriteAllText(File1, text);
        var error = Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, null));
        error.Problem.ShouldBe(text.StartsWith("QDCK", StringComparison.Ordinal) || text.Length == 0
            ? $"is truncated: the file ends inside its header ({text.Length} bytes)."
            : "is not a QuickDrawDsl checkpoint (wrong magic bytes).");
        error.Message.ShouldBe($"Checkpoint '{File1}' {error.Problem}");
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, null)).Message.ShouldBe($"Checkpoint '{File1}' does not exist.");
    }

    [Fact]
    public void VersionOneFilesStillReadAndTheirDamageIsNamed()
    {
        byte[] v1 = [.. Header(1, Signature, Payload.Length), .. SHA256.HashData(Payload), .. Payload];
        File.WriteAllBytes(File1, v1);
        CheckpointFile.Read(File1, Signature).ShouldBe(Payload);

        File.WriteAllBytes(File1, [.. v1, 9, 9]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem
            .ShouldBe($"is corrupt: 2 unexpected bytes after the {Payload.Length}-byte payload.");

        File.WriteAllBytes(File1, v1[..^1]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem
            .ShouldBe($"is truncated: the header declares {Payload.Length} payload bytes, the file holds {Payload.Length - 1}.");

        File.WriteAllBytes(File1, v1[..20]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem.ShouldBe("is truncated: the file ends inside its header (20 bytes).");

        byte[] flipped = (byte[])v1.Clone();
        flipped[^1] ^= 1;
        File.WriteAllBytes(File1, flipped);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, Signature)).Problem
            .ShouldBe("is corrupt: the SHA-256 checksum of its payload does not match the header.");

        File.WriteAllBytes(File1, v1);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, "other[1]:Float32")).Problem
            .ShouldBe("belongs to a different model: entry 0: the model has other[1]:Float32, the checkpoint has fc.weight[2,3]:Float32 (1 vs 2 entries).");
    }

    [Fact]
    public void AnotherModelIsRefusedWithTheFirstDifferingEntry()
    {
        CheckpointFile.Write(File1, "a[1]:Float32;b[2]:Float32;c[3]:Float32", Payload);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(File1, "a[1]:Float32;b[2]:Float32;c[4]:Float32")).Problem
            .ShouldBe("belongs to a different model: entry 2: the model has c[4]:Float32, the checkpoint has c[3]:Float32 (3 vs 3 entries).");
    }

    [Theory]
    [InlineData("a[1]:Float32;b[2]:Float32", "a[1]:Float32;b[2]:Float32;c[3]:Float32", "entry 2: the model has nothing, the checkpoint has c[3]:Float32 (2 vs 3 entries)")]
    [InlineData("a[1]:Float32;b[2]:Float32;c[3]:Float32", "a[1]:Float32;b[2]:Float32", "entry 2: the model has c[3]:Float32, the checkpoint has nothing (3 vs 2 entries)")]
    [InlineData("a[1]:Float32;b[2]:Float32", "a[1]:Float32;b[2]:Float64", "entry 1: the model has b[2]:Float32, the checkpoint has b[2]:Float64 (2 vs 2 entries)")]
    [InlineData("a[1]:Float32;;b[2]:Float32", "a[1]:Float32;b[5]:Float32", "entry 1: the model has b[2]:Float32, the checkpoint has b[5]:Float32 (2 vs 2 entries)")]
    [InlineData("a[1]:Float32", "a[1]:Float32", "the signatures differ")]
    [InlineData("", "x[1]:Int64", "entry 0: the model has nothing, the checkpoint has x[1]:Int64 (0 vs 1 entries)")]
    public void SignatureDifferencesAreDescribedAtTheirEntry(string model, string checkpoint, string expected) =>
        ModelSignature.Describe(model, checkpoint).ShouldBe(expected);

    [Fact]
    public void TheSignatureListsParametersAndBuffersWithShapesAndTypes()
    {
        using var seq = torch.nn.Sequential(("fc", torch.nn.Linear(3, 2)), ("bn", torch.nn.BatchNorm1d(2)));
        ModelSignature.Of(seq).ShouldBe(
            "fc.weight[2,3]:Float32;fc.bias[2]:Float32;bn.weight[2]:Float32;bn.bias[2]:Float32;" +
            "bn.running_mean[2]:Float32;bn.running_var[2]:Float32;bn.num_batches_tracked[]:Int64");
    }

    [Fact]
    public void OnlyTemporaryFilesOfWritersThatAreGoneAreRemoved()
    {
        int gone = Processes.DeadProcessId();
        string[] stale = [$"{File1}.{gone}.{Guid.NewGuid():N}.tmp", $"{File1}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"];
        string[] kept = [$"{File1}.1.{Guid.NewGuid():N}.tmp", $"{File1}.abc.def.tmp", $"{File1}.{gone}.tmp", Path.Combine(dir, "other.ckpt." + gone + ".x.tmp"), $"{File1}.{gone}.x.bak"];
        foreach (string f in stale.Concat(kept))
        {
            File.WriteAllText(f, "partial");
        }

        CheckpointFile.RemoveStaleTemporaryFiles(File1).ShouldBe(2);
        stale.ShouldAllBe(f => !File.Exists(f));
        kept.ShouldAllBe(f => File.Exists(f));
        CheckpointFile.RemoveStaleTemporaryFiles(Path.Combine(dir, "nowhere", "x.ckpt")).ShouldBe(0);
    }

    [Fact]
    public void ReadingAlsoRemovesALeftOverTemporaryFile()
    {
        CheckpointFile.Write(File1, Signature, Payload);
        string left = $"{File1}.{Processes.DeadProcessId()}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(left, "partial");
        CheckpointFile.Read(File1, Signature).ShouldBe(Payload);
        File.Exists(left).ShouldBeFalse();
    }

    private static byte[] Header(int version, string signature, long length)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("QDCKPT\r\n"u8);
            writer.Write(version);
            writer.Write(signature);
            writer.Write(length);
        }

        return stream.ToArray();
    }
}
