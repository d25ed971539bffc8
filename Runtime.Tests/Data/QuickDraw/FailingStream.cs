using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

/// <summary>
/// Serves <paramref name="data"/> at most <paramref name="chunk"/> bytes per read (as a pipe or socket does); after
/// <paramref name="failAfter"/> bytes, every read fails with an <see cref="IOException"/>.
/// </summary>
internal sealed class FailingStream(byte[] data, int failAfter = int.MaxValue, int chunk = int.MaxValue) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (position >= failAfter)
        {
            throw new IOException("disk gone");
        }

        int n = Math.Min(Math.Min(count, chunk), Math.Min(failAfter, data.Length) - position);
        Array.Copy(data, position, buffer, offset, n);
        position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
