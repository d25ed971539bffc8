using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Streams drawings from Google's packed binary format (<c>full/binary/&lt;word&gt;.bin</c>), little-endian, per drawing:
/// key_id uint64, countrycode 2 bytes, recognized uint8, timestamp uint32 (Unix seconds), n_strokes uint16, then per
/// stroke n_points uint16, x uint8[n_points], y uint8[n_points]. The format has no word: it is given by the caller
/// or taken from the file name. Positions in reports are 0-based record indices. Bad data never throws (except in
/// strict mode): bad records, truncation, an unreadable file and I/O errors are reported in <see cref="Report"/>.
/// </summary>
public sealed class QuickDrawBinaryReader
{
    private const int HeaderBytes = 8 + 2 + 1 + 4 + 2;
    private readonly DrawingAdmission admission;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">Filtering, cap and error handling; null for the defaults (<see cref="QuickDrawReadOptions.StrokeFormat"/> is not used).</param>
    public QuickDrawBinaryReader(QuickDrawReadOptions? options = null)
    {
        Options = options ?? new QuickDrawReadOptions();
        Report = new DataReadReport(Options.MaxReportExamples, Options.OnBadRecord);
        admission = new DrawingAdmission(Options, Report);
    }

    /// <summary>The options this reader was created with.</summary>
    public QuickDrawReadOptions Options { get; }

    /// <summary>What was accepted, filtered and rejected so far.</summary>
    public DataReadReport Report { get; }

    /// <summary>Streams the drawings of one file.</summary>
    /// <param name="path">A .bin file.</param>
    /// <param name="word">The class label; null to use the file name without extension.</param>
    /// <returns>The accepted drawings, lazily, in file order.</returns>
    public IEnumerable<Drawing> ReadFile(string path, string? word = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileCore(path, word ?? Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Streams the drawings of an open stream, which is left open.</summary>
    /// <param name="stream">The packed binary data.</param>
    /// <param name="sourceName">The name used in bad-record reports.</param>
    /// <param name="word">The class label of every drawing.</param>
    /// <returns>The accepted drawings, lazily, in stream order.</returns>
    public IEnumerable<Drawing> Read(Stream stream, string sourceName, string word)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(word);
        return ReadCore(stream, sourceName, word);
    }

    private IEnumerable<Drawing> ReadFileCore(string path, string word)
    {
        FileStream? stream = FileAccessHelper.OpenOrReport(path, Report, Options.BadRecords, "record", 64 * 1024);
        if (stream is null)
        {
            yield break;
        }

        using (stream)
        {
            foreach (Drawing d in ReadCore(stream, path, word))
            {
                yield return d;
            }
        }
    }

    private IEnumerable<Drawing> ReadCore(Stream stream, string sourceName, string word)
    {
        var buffers = new RecordBuffers();
        for (long index = 0; ; index++)
        {
            (Drawing? drawing, BadRecord? bad, bool end) = ReadRecord(stream, sourceName, word, index, buffers);
            if (bad is not null)
            {
                Report.Reject(bad, Options.BadRecords);
            }

            if (drawing is not null)
            {
                bool accept = admission.Admit(drawing, out bool stopFile);
                if (accept)
                {
                    yield return drawing;
                }

                if (stopFile)
                {
                    yield break;
                }
            }

            if (end)
            {
                yield break;
            }
        }
    }

    // One record: the drawing, or why it is bad, and whether the stream has ended (end of data, truncation, I/O error).
    private static (Drawing? Drawing, BadRecord? Bad, bool End) ReadRecord(Stream stream, string sourceName, string word, long index, RecordBuffers buffers)
    {
        byte[] header = buffers.Header;
        int got;
        try
        {
            got = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
            if (got == 0)
            {
                return (null, null, true);
            }

            if (got < HeaderBytes)
            {
                return (null, Bad(sourceName, index, BadRecordKind.Truncated, $"the file ends inside the record header ({got} of {HeaderBytes} bytes)"), true);
            }

            ulong keyId = BinaryPrimitives.ReadUInt64LittleEndian(header);
            string country = Encoding.ASCII.GetString(header, 8, 2);
            byte recognized = header[10];
            uint seconds = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(11));
            int strokeCount = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(15));

            List<Stroke> strokes = buffers.Strokes;
            strokes.Clear();
            string? problem = null;
            BadRecordKind kind = BadRecordKind.Truncated;
            for (int s = 0; s < strokeCount; s++)
            {
                if (stream.ReadAtLeast(buffers.Count, 2, throwOnEndOfStream: false) < 2)
                {
                    return (null, Bad(sourceName, index, BadRecordKind.Truncated, $"the file ends inside stroke {s} of {strokeCount} (point count)"), true);
                }

                int n = BinaryPrimitives.ReadUInt16LittleEndian(buffers.Count);
                if (stream.ReadAtLeast(buffers.Points.AsSpan(0, 2 * n), 2 * n, throwOnEndOfStream: false) < 2 * n)
                {
                    return (null, Bad(sourceName, index, BadRecordKind.Truncated, $"the file ends inside stroke {s} of {strokeCount} ({n} points)"), true);
                }

                if (n == 0)
                {
                    problem ??= $"stroke {s} has no points";
                    kind = BadRecordKind.EmptyDrawing;
                    continue;
                }

                float[] x = new float[n];
                float[] y = new float[n];
                for (int i = 0; i < n; i++)
                {
                    x[i] = buffers.Points[i];
                    y[i] = buffers.Points[n + i];
                }

                strokes.Add(new Stroke(x, y));
            }

            if (strokeCount == 0)
            {
                problem = "drawing has no strokes";
                kind = BadRecordKind.EmptyDrawing;
            }
            else if (problem is null && recognized > 1)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"recognized = {recognized} is neither 0 nor 1");
                kind = BadRecordKind.OutOfRange;
            }

            if (problem is not null)
            {
                return (null, Bad(sourceName, index, kind, problem), false);
            }

            return (new Drawing(word, country, DateTimeOffset.FromUnixTimeSeconds(seconds), recognized == 1, keyId, strokes.ToArray()), null, false);
        }
        catch (IOException ex)
        {
            return (null, Bad(sourceName, index, BadRecordKind.Unreadable, $"reading stopped by an I/O error: {ex.Message}"), true);
        }
    }

    private static BadRecord Bad(string source, long index, BadRecordKind kind, string reason) =>
        new(source, "record", index, kind, reason);

    private sealed class RecordBuffers
    {
        public byte[] Header { get; } = new byte[HeaderBytes];

        public byte[] Points { get; } = new byte[2 * ushort.MaxValue];

        public byte[] Count { get; } = new byte[2];

        public List<Stroke> Strokes { get; } = [];
    }
}
