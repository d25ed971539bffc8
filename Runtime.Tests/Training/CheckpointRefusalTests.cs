using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>
/// The refusals of checkpoints and weights files that need no training, each with its exact one-line message: header
/// boundaries, a locked file, a failing move, damaged weights headers, truncated and non-finite tensors, and the
/// argument checks of the public entry points.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class CheckpointRefusalTests : IDisposable
{
    private const string Signature = "fc.weight[2,3]:Float32;fc.bias[2]:Float32";
    private readonly string dir = Path.Combine(Path.GetTempPath(), "qd-refusal-" + Guid.NewGuid().ToString("N"));

    public CheckpointRefusalTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Ckpt => Path.Combine(dir, "run.ckpt");

    [Fact]
    public void WritingCreatesTheFolderReplacesTheFileAndClearsStaleTemporaries()
    {
        string nested = Path.Combine(dir, "a", "b", "run.ckpt");
        string stale = $"{nested}.{Processes.DeadProcessId()}.{Guid.NewGuid():N}.tmp";
        CheckpointFile.Write(nested, Signature, [1, 2, 3]);
        File.WriteAllText(stale, "partial");

        CheckpointFile.Write(nested, Signature, [4, 5]);

        CheckpointFile.Read(nested, Signature).ShouldBe(new byte[] { 4, 5 });
        Directory.GetFiles(Path.GetDirectoryName(nested)!).ShouldBe([nested]);
    }

    [Fact]
    public void AWriteThatCannotBeMovedIntoPlaceLeavesNoTemporaryFile()
    {
        string target = Path.Combine(dir, "taken");
        Directory.CreateDirectory(target);

        Exception error = Should.Throw<Exception>(() => CheckpointFile.Write(target, Signature, [1]));
        (error is IOException or UnauthorizedAccessException).ShouldBeTrue(error.GetType().Name);

        Directory.GetFiles(dir).ShouldBeEmpty();
    }

    [Fact]
    public void ALockedFileCannotBeRead()
    {
        CheckpointFile.Write(Ckpt, Signature, [1]);
        using var locked = new FileStream(Ckpt, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        CheckpointException ex = Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, Signature));

        ex.Problem.ShouldStartWith("cannot be read: ");
        ex.InnerException.ShouldBeOfType<IOException>();
    }

    [Theory]
    [InlineData("PK", "is not a QuickDrawDsl checkpoint (wrong magic bytes).")]
    [InlineData("QDCKPT\r\n", "is truncated: the file ends inside its header (8 bytes).")]
    [InlineData("QDCKPX\r\n\u0002\0\0", "is not a QuickDrawDsl checkpoint (wrong magic bytes).")]
    public void ShortFilesAreTruncatedOnlyWhenTheyStartLikeACheckpoint(string text, string problem)
    {
        File.WriteAllBytes(Ckpt, Encoding.Latin1.GetBytes(text));
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null)).Problem.ShouldBe(problem);
    }

    [Fact]
    public void TwelveBytesAreEnoughToNameTheVersion()
    {
        File.WriteAllBytes(Ckpt, [.. "QDCKPT\r\n"u8.ToArray(), 7, 0, 0, 0]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null)).Problem
            .ShouldBe("has format version 7; this build reads versions 1 and 2 (a flipped byte, or a checkpoint from a newer build).");
    }

    [Fact]
    public void AHashedFileWithNoHeaderFieldsIsCorrupt()
    {
        byte[] body = [.. "QDCKPT\r\n"u8.ToArray(), 2, 0, 0, 0];
        File.WriteAllBytes(Ckpt, [.. body, .. SHA256.HashData(body)]);
        CheckpointException ex = Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null));
        ex.Problem.ShouldBe("is corrupt: its header cannot be read.");
        ex.InnerException.ShouldBeOfType<EndOfStreamException>();
    }

    [Fact]
    public void AFlippedPayloadByteIsCorruptionNotTruncation()
    {
        CheckpointFile.Write(Ckpt, Signature, [1, 2, 3, 4]);
        byte[] bytes = File.ReadAllBytes(Ckpt);
        bytes[^33] ^= 0x01;
        File.WriteAllBytes(Ckpt, bytes);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null)).Problem.ShouldBe("is corrupt: the SHA-256 checksum does not match its contents.");
    }

    [Fact]
    public void AnEmptyPayloadCutInsideItsHashIsTruncated()
    {
        CheckpointFile.Write(Ckpt, Signature, []);
        byte[] bytes = File.ReadAllBytes(Ckpt);
        CheckpointFile.Read(Ckpt, Signature).ShouldBeEmpty();

        File.WriteAllBytes(Ckpt, bytes[..^5]);

        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null)).Problem
            .ShouldBe($"is truncated: the header declares {bytes.Length} bytes, the file holds {bytes.Length - 5}.");
    }

    [Fact]
    public void TheLargestRepresentableLengthIsTruncationAndOneMoreIsCorruption()
    {
        int header = 8 + 4 + 1 + Signature.Length + 8;
        long largest = long.MaxValue - header - 32;
        byte[] Body(long length) => [.. Header(2, Signature, length), 1, 2, 3, .. new byte[32]];

        File.WriteAllBytes(Ckpt, Body(largest));
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null)).Problem
            .ShouldBe($"is truncated: the header declares {long.MaxValue} bytes, the file holds {header + 35}.");

        File.WriteAllBytes(Ckpt, Body(largest + 1));
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null)).Problem.ShouldBe("is corrupt: the SHA-256 checksum does not match its contents.");

        File.WriteAllBytes(Ckpt, Body(-1));
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null)).Problem.ShouldBe("is corrupt: the SHA-256 checksum does not match its contents.");
    }

    [Fact]
    public void AnUnreadableSignatureLengthIsAHeaderProblem()
    {
        File.WriteAllBytes(Ckpt, [.. "QDCKPT\r\n"u8.ToArray(), 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. new byte[40]]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, null)).Problem.ShouldBe("is truncated: the file ends inside its header (58 bytes).");
    }

    [Fact]
    public void Version1FilesCutInsideTheirHashAndEmptyOnesAreRead()
    {
        byte[] empty = [.. Header(1, Signature, 0), .. SHA256.HashData([])];
        File.WriteAllBytes(Ckpt, empty);
        CheckpointFile.Read(Ckpt, Signature).ShouldBeEmpty();

        File.WriteAllBytes(Ckpt, empty[..^4]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, Signature)).Problem.ShouldBe($"is truncated: the file ends inside its header ({empty.Length - 4} bytes).");

        File.WriteAllBytes(Ckpt, [.. Header(1, Signature, -3), .. SHA256.HashData([])]);
        Should.Throw<CheckpointException>(() => CheckpointFile.Read(Ckpt, Signature)).Problem.ShouldBe("is truncated: the header declares -3 payload bytes, the file holds 0.");
    }

    [Fact]
    public void PublicEntryPointsCheckTheirArguments()
    {
        Should.Throw<ArgumentException>(() => CheckpointFile.Write(string.Empty, Signature, [1]));
        Should.Throw<ArgumentNullException>(() => CheckpointFile.Write(Ckpt, null!, [1]));
        Should.Throw<ArgumentException>(() => CheckpointFile.Read(string.Empty, null));
        Should.Throw<ArgumentException>(() => CheckpointFile.RemoveStaleTemporaryFiles(string.Empty));
        Should.Throw<ArgumentNullException>(() => ModelSignature.Of(null!));
        Should.Throw<ArgumentNullException>(() => ModelSignature.Describe(null!, Signature));
        Should.Throw<ArgumentNullException>(() => ModelSignature.Describe(Signature, null!));

        using var model = torch.nn.Linear(3, 2);
        string path = Path.Combine(dir, "w.bin");
        Should.Throw<ArgumentNullException>(() => ModelWeights.Save(null!, path));
        Should.Throw<ArgumentException>(() => ModelWeights.Save(model, string.Empty));
        Should.Throw<ArgumentException>(() => ModelWeights.ReadInfo(string.Empty));
        Should.Throw<ArgumentNullException>(() => ModelWeights.Load(null!, path));
        Should.Throw<ArgumentException>(() => ModelWeights.Load(model, string.Empty));
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public void WeightsAreSavedIntoANewFolderOverAnOldFileWithoutLeftovers()
    {
        using var first = torch.nn.Linear(3, 2);
        using var second = torch.nn.Linear(3, 2);
        string path = Path.Combine(dir, "x", "w.bin");

        ModelWeights.Save(first, path);
        ModelWeights.Save(second, path);

        using var loaded = torch.nn.Linear(3, 2);
        ModelWeights.Load(loaded, path).Signature.ShouldBe(ModelSignature.Of(second));
        loaded.weight!.bytes.ToArray().ShouldBe(second.weight!.bytes.ToArray());
        Directory.GetFiles(Path.GetDirectoryName(path)!).ShouldBe([path]);
    }

    [Fact]
    public void AWeightsSaveThatCannotBeMovedLeavesNoTemporaryFile()
    {
        using var model = torch.nn.Linear(3, 2);
        string target = Path.Combine(dir, "taken");
        Directory.CreateDirectory(target);

        Exception error = Should.Throw<Exception>(() => ModelWeights.Save(model, target));
        (error is IOException or UnauthorizedAccessException).ShouldBeTrue(error.GetType().Name);

        Directory.GetFiles(dir).ShouldBeEmpty();
    }

    [Fact]
    public void MissingAndLockedWeightsFilesAreNamed()
    {
        using var model = torch.nn.Linear(3, 2);
        string path = Path.Combine(dir, "w.bin");
        ModelWeightsException missing = Should.Throw<ModelWeightsException>(() => ModelWeights.Load(model, path));
        (missing.FilePath, missing.Problem, missing.Message).ShouldBe((path, "does not exist.", $"{path} does not exist."));

        ModelWeights.Save(model, path);
        using var locked = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Should.Throw<ModelWeightsException>(() => ModelWeights.ReadInfo(path)).Problem.ShouldStartWith("cannot be read (");
    }

    [Theory]
    [InlineData(2, "", 0, "is a weights file of format 2; this QuickDrawDsl reads format 1: update the QuickDrawDsl.Runtime package.")]
    [InlineData(1, "", -1, "is not a weights file (the header is damaged).")]
    [InlineData(1, "", 1_000_001, "is not a weights file (the header is damaged).")]
    [InlineData(1, "not a hash", 0, "is not a weights file (the header is damaged).")]
    [InlineData(1, "", 1_000_000, "is truncated (the file ends inside its header).")]
    public void ADamagedWeightsHeaderIsNamed(int version, string hash, int labels, string problem)
    {
        string path = Path.Combine(dir, "h.bin");
        File.WriteAllBytes(path, WeightsHeader(version, "M", hash, labels));
        Should.Throw<ModelWeightsException>(() => ModelWeights.ReadInfo(path)).Problem.ShouldBe(problem);
    }

    [Fact]
    public void AnUnreadableNameIsNotAWeightsFile()
    {
        string path = Path.Combine(dir, "n.bin");
        File.WriteAllBytes(path, [.. "QDWEIGHT"u8.ToArray(), 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3]);
        ModelWeightsException ex = Should.Throw<ModelWeightsException>(() => ModelWeights.ReadInfo(path));
        ex.Problem.ShouldStartWith("is not a weights file (");
        ex.InnerException.ShouldBeOfType<FormatException>();
    }

    [Fact]
    public void AnUnnamedFileOfAnotherShapeSaysUnnamed()
    {
        using var model = torch.nn.Linear(3, 2);
        string path = Path.Combine(dir, "u.bin");
        File.WriteAllBytes(path, [.. WeightsHeader(1, string.Empty, string.Empty, 0, "weight[9]:Float32")]);
        Should.Throw<ModelWeightsException>(() => ModelWeights.Load(model, path)).Problem
            .ShouldBe("does not fit this model: it was saved from a different model (unnamed): entry 0: the model has weight[2,3]:Float32, the file has weight[9]:Float32 (2 vs 1 entries).");
    }

    [Fact]
    public void TensorsCutShortAreTruncated()
    {
        using var model = torch.nn.Linear(30, 20);
        string path = Path.Combine(dir, "t.bin");
        ModelWeights.Save(model, path);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);

        ModelWeightsException ex = Should.Throw<ModelWeightsException>(() => ModelWeights.Load(model, path));
        ex.Problem.ShouldBe("is truncated (the file ends inside a tensor).");
    }

    [Fact]
    public void AHeaderlessFileOfAnotherShapeDoesNotFit()
    {
        using var small = torch.nn.Linear(3, 2);
        using var large = torch.nn.Linear(4, 2);
        string path = Path.Combine(dir, "plain.bin");
        small.save(path);

        ModelWeightsException ex = Should.Throw<ModelWeightsException>(() => ModelWeights.Load(large, path));
        ex.Problem.ShouldStartWith("does not fit this model: ");
        ex.Problem.ShouldEndWith(".");
        ex.Problem.ShouldNotContain("\n");
    }

    [Fact]
    public void NonFiniteWeightsAreCountedAndNamed()
    {
        using var model = torch.nn.Linear(3, 2);
        using (torch.no_grad())
        {
            model.weight![0, 1] = float.NaN;
            model.weight![1, 2] = float.PositiveInfinity;
        }

        string path = Path.Combine(dir, "nan.bin");
        ModelWeights.Save(model, path);
        using var fresh = torch.nn.Linear(3, 2);
        Should.Throw<ModelWeightsException>(() => ModelWeights.Load(fresh, path)).Problem
            .ShouldBe("holds 2 NaN or infinite values in 'weight': the run that wrote it diverged; train again.");
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

    private static byte[] WeightsHeader(int version, string name, string hash, int labels, string signature = "w[1]:Float32")
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("QDWEIGHT"u8);
            writer.Write(version);
            writer.Write(name);
            writer.Write(hash);
            writer.Write(labels);
            if (labels is >= 0 and < 10)
            {
                for (int i = 0; i < labels; i++)
                {
                    writer.Write("label" + i);
                }

                writer.Write(signature);
            }
        }

        return stream.ToArray();
    }
}
