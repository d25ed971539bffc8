using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Streams drawings from Google's packed binary format (<c>full/binary/&lt;word&gt;.bin</c>), little-endian, per drawing:
/// key_id uint64, countrycode 2 bytes, recognized uint8, timestamp uint32 (Unix seconds), n_strokes uint16, then per
/// stroke n_points uint16, x uint8[n_points], y uint8[n_points]. The format has no word: it is given by the caller
/// or taken from the file name. Positions in reports are 0-based record indices.
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
        Report = new DataReadReport(Options.MaxReportExamples);
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
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        foreach (Drawing d in ReadCore(stream, path, word))
        {
            yield return d;
        }
    }

    private IEnumerable<Drawing> ReadCore(Stream stream, string sourceName, string word)
    {
        byte[] header = new byte[HeaderBytes];
        byte[] points = new byte[2 * ushort.MaxValue];
        var strokes = new List<Stroke>();
        byte[] count = new byte[2];
        for (long index = 0; ; index++)
        {
            int got = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
            if (got == 0)
            {
                yield break;
            }

            if (got < HeaderBytes)
            {
                Report.Reject(Bad(sourceName, index, BadRecordKind.Truncated, $"the file ends inside the record header ({got} of {HeaderBytes} bytes)"), Options.BadRecords);
                yield break;
            }

            ulong keyId = BinaryPrimitives.ReadUInt64LittleEndian(header);
            string country = Encoding.ASCII.GetString(header, 8, 2);
            byte recognized = header[10];
            uint seconds = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(11));
            int strokeCount = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(15));

            strokes.Clear();
            string? problem = null;
            BadRecordKind kind = BadRecordKind.Truncated;
            bool truncated = false;
            for (int s = 0; s < strokeCount; s++)
            {
                if (stream.ReadAtLeast(count, 2, throwOnEndOfStream: false) < 2)
                {
                    truncated = true;
                    problem = $"the file ends inside stroke {s} of {strokeCount} (point count)";
                    break;
                }

                int n = BinaryPrimitives.ReadUInt16LittleEndian(count);
                if (stream.ReadAtLeast(points.AsSpan(0, 2 * n), 2 * n, throwOnEndOfStream: false) < 2 * n)
                {
                    truncated = true;
                    problem = $"the file ends inside stroke {s} of {strokeCount} ({n} points)";
                    break;
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
                    x[i] = points[i];
                    y[i] = points[n + i];
                }

                strokes.Add(new Stroke(x, y));
            }

            if (truncated)
            {
                Report.Reject(Bad(sourceName, index, BadRecordKind.Truncated, problem!), Options.BadRecords);
                yield break;
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
                Report.Reject(Bad(sourceName, index, kind, problem), Options.BadRecords);
                continue;
            }

            var drawing = new Drawing(word, country, DateTimeOffset.FromUnixTimeSeconds(seconds), recognized == 1, keyId, strokes.ToArray());
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
    }

    private static BadRecord Bad(string source, long index, BadRecordKind kind, string reason) =>
        new(source, "record", index, kind, reason);
}
