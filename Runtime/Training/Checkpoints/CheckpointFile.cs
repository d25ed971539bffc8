using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace QuickDrawDsl.Runtime.Training.Checkpoints;

/// <summary>
/// The checkpoint container: an 8-byte magic <c>QDCKPT\r\n</c>, int32 format version, the model signature
/// (length-prefixed UTF-8), int64 payload length, the SHA-256 of the payload (32 bytes), then the payload.
/// Written to a temporary file beside the target and moved over it, so a crash never leaves a half-written checkpoint.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "QDCKPT\r\n"u8.ToArray();

    /// <summary>Writes a checkpoint atomically (temporary file, flush to disk, move over <paramref name="path"/>).</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="signature">Model signature (see <see cref="ModelSignature"/>).</param>
    /// <param name="payload">The checkpoint contents.</param>
    public static void Write(string path, string signature, ReadOnlySpan<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(signature);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(FormatVersion);
                    writer.Write(signature);
                    writer.Write((long)payload.Length);
                    writer.Write(SHA256.HashData(payload));
                    writer.Write(payload);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads and verifies a checkpoint, returning its payload.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="expectedSignature">Signature of the model it must belong to; null skips that check.</param>
    /// <returns>The verified payload.</returns>
    /// <exception cref="CheckpointException">Missing, not a checkpoint, other version, truncated, corrupt or another model.</exception>
    public static byte[] Read(string path, string? expectedSignature)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new CheckpointException(path, "does not exist.");
        }

        using FileStream stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        int version;
        string signature;
        long length;
        byte[] hash;
        try
        {
            byte[] magic = reader.ReadBytes(Magic.Length);
            if (magic.Length < Magic.Length && Magic.AsSpan().StartsWith(magic))
            {
                throw new EndOfStreamException();
            }

            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new CheckpointException(path, "is not a QuickDrawDsl checkpoint (wrong magic bytes).");
            }

            version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new CheckpointException(path, $"has format version {version}; this build reads version {FormatVersion}.");
            }

            signature = reader.ReadString();
            length = reader.ReadInt64();
            hash = reader.ReadBytes(32);
            if (hash.Length < 32)
            {
                throw new EndOfStreamException();
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new CheckpointException(path, $"is truncated: the file ends inside its header ({stream.Length} bytes).", ex);
        }

        long available = stream.Length - stream.Position;
        if (length < 0 || available < length)
        {
            throw new CheckpointException(path, $"is truncated: the header declares {length} payload bytes, the file holds {available}.");
        }

        if (available > length)
        {
            throw new CheckpointException(path, $"is corrupt: {available - length} unexpected bytes after the {length}-byte payload.");
        }

        byte[] payload = reader.ReadBytes((int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
        {
            throw new CheckpointException(path, "is corrupt: the SHA-256 checksum of its payload does not match the header.");
        }

        if (expectedSignature is not null && signature != expectedSignature)
        {
            throw new CheckpointException(path, $"belongs to a different model: {ModelSignature.Describe(expectedSignature, signature)}.");
        }

        return payload;
    }
}
