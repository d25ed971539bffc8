using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Splits a stream into LF (or CRLF) lines with a reusable buffer, so memory stays bounded by the longest line
/// (itself capped at a limit; longer lines are skipped without being buffered).
/// </summary>
internal sealed class Utf8LineReader
{
    private readonly Stream stream;
    private readonly int maxLineBytes;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool eof;
    private bool atFileStart = true;

    public Utf8LineReader(Stream stream, int maxLineBytes)
    {
        this.stream = stream;
        this.maxLineBytes = maxLineBytes;
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last returned ended the stream without a line terminator (a truncated last record looks like this).</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>Reads the next line (without its terminator); valid until the next call.</summary>
    /// <param name="line">The line's bytes; empty when <paramref name="tooLong"/>.</param>
    /// <param name="tooLong">The line exceeded the limit and was skipped.</param>
    /// <returns>False at the end of the stream.</returns>
    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        bool skipping = false;
        while (true)
        {
            int nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                int lineEnd = start + nl;
                int lineStart = start;
                start = lineEnd + 1;
                LineNumber++;
                LastLineUnterminated = false;
                if (skipping)
                {
                    tooLong = true;
                    line = ReadOnlyMemory<byte>.Empty;
                    return true;
                }

                tooLong = lineEnd - lineStart > maxLineBytes;
                line = tooLong ? ReadOnlyMemory<byte>.Empty : Trim(lineStart, lineEnd);
                return true;
            }

            if (eof)
            {
                if (start < end || skipping)
                {
                    int lineStart = start;
                    start = end;
                    LineNumber++;
                    LastLineUnterminated = true;
                    tooLong = skipping || end - lineStart > maxLineBytes;
                    line = tooLong ? ReadOnlyMemory<byte>.Empty : Trim(lineStart, end);
                    return true;
                }

                line = ReadOnlyMemory<byte>.Empty;
                return false;
            }

            if (skipping)
            {
                start = end = 0;
            }
            else if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end > maxLineBytes)
            {
                // The pending line is already longer than allowed and has no end yet: drop it and skip to its end.
                skipping = true;
                start = end = 0;
            }
            else if (end == buffer.Length)
            {
                // Room for a line of exactly the limit and its '\n', however the stream delivers it.
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxLineBytes + 1L));
            }

            int read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                eof = true;
            }
            else
            {
                end += read;
            }

            // A pipe may deliver the byte-order mark a byte at a time: decide once three bytes are in, unless the first
            // line ended before that.
            if (atFileStart && (end >= 3 || eof || LineNumber > 0))
            {
                atFileStart = false;
                if (LineNumber == 0 && start == 0 && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    start = 3;
                }
            }
        }
    }

    private ReadOnlyMemory<byte> Trim(int lineStart, int lineEnd)
    {
        if (lineEnd > lineStart && buffer[lineEnd - 1] == (byte)'\r')
        {
            lineEnd--;
        }

        return new ReadOnlyMemory<byte>(buffer, lineStart, lineEnd - lineStart);
    }
}
