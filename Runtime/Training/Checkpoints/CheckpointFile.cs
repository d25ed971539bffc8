using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace QuickDrawDsl.Runtime.Training.Checkpoints;

/// <summary>
/// The checkpoint container (format version 2): an 8-byte magic <c>QDCKPT\r\n</c>, int32 format version, the model
/// signature (length-prefixed UTF-8), int64 payload length, the payload, then the SHA-256 of every byte before it,
/// header included, so that a flipped byte anywhere reads as corruption. Version 1 files (SHA-256 of the payload only,
/// stored before it) are still read. Written to a temporary file beside the target and moved over it, so a crash
/// never leaves a half-written checkpoint; temporary files left by a killed writer are removed by the next write or
/// read of the same checkpoint.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The format version this code writes.</summary>
    public const int FormatVersion = 2;

    private const int HashBytes = 32;
    private const string TempSuffix = ".tmp";
    private static readonly byte[] Magic = "QDCKPT\r\n"u8.ToArray();

    /// <summary>Writes a checkpoint atomically (temporary file, flush to disk, move over <paramref name="path"/>).</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="signature">Model signature (see <see cref="ModelSignature"/>).</param>
    /// <param name="payload">The checkpoint contents.</param>
    /// <exception cref="IOException">The file cannot be written (the destination is unchanged).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Write(string path, string signature, ReadOnlySpan<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(signature);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        RemoveStaleTemporaryFiles(full);
        string temp = $"{full}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using (var hashing = new HashingStream(stream, hash))
                // Stryker disable once Boolean : HashingStream does not own the file stream, so leaveOpen changes nothing observable
                using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(FormatVersion);
                    writer.Write(signature);
                    writer.Write((long)payload.Length);
                    writer.Write(payload);
                }

                stream.Write(hash.GetHashAndReset());
                // Stryker disable once Statement,Boolean : durability across a power loss; a test in a running process cannot observe it
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
    /// <exception cref="CheckpointException">Missing, unreadable, not a checkpoint, other version, truncated, corrupt or another model.</exception>
    public static byte[] Read(string path, string? expectedSignature)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new CheckpointException(path, "does not exist.");
        }

        RemoveStaleTemporaryFiles(Path.GetFullPath(path));
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot be read: {ex.Message}", ex);
        }

        if (bytes.Length < Magic.Length + 4)
        {
            throw Magic.AsSpan().StartsWith(bytes.AsSpan(0, Math.Min(bytes.Length, Magic.Length)))
                ? new CheckpointException(path, $"is truncated: the file ends inside its header ({bytes.Length} bytes).")
                : new CheckpointException(path, "is not a QuickDrawDsl checkpoint (wrong magic bytes).");
        }

        if (!bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointException(path, "is not a QuickDrawDsl checkpoint (wrong magic bytes).");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        return version switch
        {
            2 => ReadVersion2(path, bytes, expectedSignature),
            1 => ReadVersion1(path, bytes, expectedSignature),
            _ => throw new CheckpointException(path, $"has format version {version}; this build reads versions 1 and {FormatVersion} (a flipped byte, or a checkpoint from a newer build)."),
        };
    }

    private static byte[] ReadVersion2(string path, byte[] bytes, string? expectedSignature)
    {
        // Check the hash first: until it matches, no header field can be trusted, the signature included.
        bool hashMatches = bytes.Length >= Magic.Length + 4 + HashBytes
            && SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashBytes)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashBytes));
        if (!hashMatches)
        {
            long? declared = TryDeclaredLength(bytes);
            if (declared is null)
            {
                throw new CheckpointException(path, $"is truncated: the file ends inside its header ({bytes.Length} bytes).");
            }

            throw declared > bytes.Length
                ? new CheckpointException(path, $"is truncated: the header declares {declared} bytes, the file holds {bytes.Length}.")
                : new CheckpointException(path, "is corrupt: the SHA-256 checksum does not match its contents.");
        }

        // Stryker disable once Boolean : a read-only view of the file; nothing writes to it either way
        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length + 4, bytes.Length - Magic.Length - 4 - HashBytes, writable: false), Encoding.UTF8);
        string signature;
        long length;
        try
        {
            signature = reader.ReadString();
            length = reader.ReadInt64();
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            throw new CheckpointException(path, "is corrupt: its header cannot be read.", ex);
        }

        long available = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length != available)
        {
            throw new CheckpointException(path, $"is corrupt: its header declares {length} payload bytes, the file holds {available}.");
        }

        CheckSignature(path, expectedSignature, signature);
        return reader.ReadBytes((int)length);
    }

    // Magic, version, signature, payload length: the total file size the header promises; null when the file ends
    // inside the header. A negative (flipped) length reads as 0, which a corrupt file exceeds.
    private static long? TryDeclaredLength(byte[] bytes)
    {
        try
        {
            // Stryker disable once Boolean : a read-only view of the file; nothing writes to it either way
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length + 4, bytes.Length - Magic.Length - 4, writable: false), Encoding.UTF8);
            reader.ReadString();
            long length = reader.ReadInt64();
            long header = Magic.Length + 4 + reader.BaseStream.Position;
            return length < 0 || length > long.MaxValue - header - HashBytes ? 0 : header + length + HashBytes;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or IOException)
        {
            return null;
        }
    }

    private static byte[] ReadVersion1(string path, byte[] bytes, string? expectedSignature)
    {
        // Stryker disable once Boolean : a read-only view of the file; nothing writes to it either way
        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length + 4, bytes.Length - Magic.Length - 4, writable: false), Encoding.UTF8);
        string signature;
        long length;
        byte[] hash;
        try
        {
            signature = reader.ReadString();
            length = reader.ReadInt64();
            hash = reader.ReadBytes(HashBytes);
            if (hash.Length < HashBytes)
            {
                throw new EndOfStreamException();
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            throw new CheckpointException(path, $"is truncated: the file ends inside its header ({bytes.Length} bytes).", ex);
        }

        long available = reader.BaseStream.Length - reader.BaseStream.Position;
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

        CheckSignature(path, expectedSignature, signature);
        return payload;
    }

    private static void CheckSignature(string path, string? expected, string found)
    {
        if (expected is not null && found != expected)
        {
            throw new CheckpointException(path, $"belongs to a different model: {ModelSignature.Describe(expected, found)}.");
        }
    }

    /// <summary>
    /// Deletes <c>&lt;checkpoint&gt;.&lt;pid&gt;.&lt;guid&gt;.tmp</c> files beside <paramref name="fullPath"/> whose writer is gone (a process
    /// that no longer runs) or is this process (whose own writes never leave one behind): what a killed write leaves.
    /// </summary>
    /// <param name="fullPath">The checkpoint's full path.</param>
    /// <returns>How many files were removed.</returns>
    public static int RemoveStaleTemporaryFiles(string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullPath);
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder))
        {
            return 0;
        }

        string prefix = Path.GetFileName(fullPath) + ".";
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(folder, prefix + "*" + TempSuffix))
        {
            string middle = Path.GetFileName(file)[prefix.Length..^TempSuffix.Length];
            int dot = middle.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !int.TryParse(middle.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            if (pid == Environment.ProcessId || !IsRunning(pid))
            {
                try
                {
                    File.Delete(file);
                    removed++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another process may be cleaning up at the same moment; the next write tries again.
                }
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Hashes what passes through to the inner stream.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }
    }
}
