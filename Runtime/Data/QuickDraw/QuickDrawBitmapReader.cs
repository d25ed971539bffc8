using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.NumPy;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Streams 28x28 images from Google's <c>numpy_bitmap/&lt;word&gt;.npy</c> files: dtype uint8, C order, shape
/// <c>(N, 784)</c> or <c>(N, 1, 784)</c>. Reading never throws on data (except in strict mode): a file that is not
/// such an array (another dtype, order or shape, a broken header), an unreadable file, an I/O error and a file shorter
/// than its header says are bad records in <see cref="Report"/>. <see cref="ValidateHeader"/> and
/// <see cref="ReadHeader"/> are explicit checks and throw <see cref="DataFormatException"/>.
/// </summary>
public sealed class QuickDrawBitmapReader
{
    /// <summary>The side of an image in pixels.</summary>
    public const int ImageSide = 28;

    /// <summary>The number of pixels (bytes) of an image.</summary>
    public const int PixelCount = ImageSide * ImageSide;

    /// <summary>Creates a reader.</summary>
    /// <param name="policy">Skip and report a truncated file (default) or throw.</param>
    /// <param name="maxReportExamples">How many bad records the report keeps as examples.</param>
    /// <param name="onBadRecord">Called with every bad record as it is met; null for none.</param>
    public QuickDrawBitmapReader(BadRecordPolicy policy = BadRecordPolicy.SkipAndReport, int maxReportExamples = 10, Action<BadRecord>? onBadRecord = null)
    {
        Policy = policy;
        Report = new DataReadReport(maxReportExamples, onBadRecord);
    }

    /// <summary>What the reader does with a bad record.</summary>
    public BadRecordPolicy Policy { get; }

    /// <summary>What was read and rejected so far.</summary>
    public DataReadReport Report { get; }

    /// <summary>Checks that a header describes QuickDraw bitmaps and returns the number of images.</summary>
    /// <param name="header">The parsed header.</param>
    /// <param name="sourceName">The name used in the error message.</param>
    /// <returns>N, the number of images.</returns>
    /// <exception cref="DataFormatException">The dtype is not uint8, the order is Fortran, or the shape is not (N, 784) or (N, 1, 784).</exception>
    public static long ValidateHeader(NpyHeader header, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Descr is not ("|u1" or "u1" or "<u1" or ">u1" or "=u1" or "|B" or "B"))
        {
            throw Fail(sourceName, $"dtype '{header.Descr}' is not uint8 ('|u1'): QuickDraw bitmaps are bytes");
        }

        if (header.FortranOrder)
        {
            throw Fail(sourceName, "fortran_order is True: only C-order bitmaps are supported");
        }

        bool ok = header.Shape.Count switch
        {
            2 => header.Shape[1] == PixelCount,
            3 => header.Shape[1] == 1 && header.Shape[2] == PixelCount,
            _ => false,
        };
        if (!ok)
        {
            string shape = "(" + string.Join(", ", header.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (header.Shape.Count == 1 ? ",)" : ")");
            throw Fail(sourceName, $"shape {shape} is not (N, 784) or (N, 1, 784)");
        }

        return header.Shape[0];
    }

    /// <summary>Reads and validates the header of a file.</summary>
    /// <param name="path">The .npy file.</param>
    /// <returns>The header.</returns>
    /// <exception cref="DataFormatException">Not a QuickDraw bitmap file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NpyHeader ReadHeader(string path)
    {
        using FileStream stream = File.OpenRead(path);
        NpyHeader header = NpyHeader.Read(stream, path);
        ValidateHeader(header, path);
        return header;
    }

    /// <summary>Streams the images of a file, each a fresh 784-byte array (row-major 28x28, 0 background, 255 ink).</summary>
    /// <param name="path">The .npy file.</param>
    /// <param name="maxImages">Stop after this many images; null for all.</param>
    /// <returns>The images, lazily, in file order.</returns>
    public IEnumerable<byte[]> ReadFile(string path, int? maxImages = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileCore(path, maxImages);
    }

    /// <summary>Streams the images of an open stream (left open), positioned at the start of the .npy data.</summary>
    /// <param name="stream">The .npy stream.</param>
    /// <param name="sourceName">The name used in reports and errors.</param>
    /// <param name="maxImages">Stop after this many images; null for all.</param>
    /// <returns>The images, lazily.</returns>
    public IEnumerable<byte[]> Read(Stream stream, string sourceName, int? maxImages = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadCore(stream, sourceName, maxImages);
    }

    /// <summary>Reads up to <paramref name="maxImages"/> images of a file into one array of <c>count * 784</c> bytes.</summary>
    /// <param name="path">The .npy file.</param>
    /// <param name="maxImages">Stop after this many images; null for all.</param>
    /// <returns>The images back to back, and their count.</returns>
    public (byte[] Pixels, int Count) LoadFile(string path, int? maxImages = null)
    {
        var images = ReadFile(path, maxImages).ToList();
        byte[] pixels = new byte[images.Count * PixelCount];
        for (int i = 0; i < images.Count; i++)
        {
            images[i].CopyTo(pixels, i * PixelCount);
        }

        return (pixels, images.Count);
    }

    private IEnumerable<byte[]> ReadFileCore(string path, int? maxImages)
    {
        FileStream? stream = FileAccessHelper.OpenOrReport(path, Report, Policy, "record", 64 * 1024);
        if (stream is null)
        {
            yield break;
        }

        using (stream)
        {
            foreach (byte[] image in ReadCore(stream, path, maxImages))
            {
                yield return image;
            }
        }
    }

    private IEnumerable<byte[]> ReadCore(Stream stream, string sourceName, int? maxImages)
    {
        if (maxImages is int max)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(maxImages));
        }

        (NpyHeader? header, long count) = ReadValidHeader(stream, sourceName);
        if (header is null)
        {
            yield break;
        }

        if (maxImages is int limit)
        {
            count = Math.Min(count, limit);
        }

        for (long i = 0; i < count; i++)
        {
            byte[] image = new byte[PixelCount];
            int got;
            try
            {
                got = stream.ReadAtLeast(image, PixelCount, throwOnEndOfStream: false);
            }
            catch (IOException ex)
            {
                Report.Reject(new BadRecord(sourceName, "record", i, BadRecordKind.Unreadable, $"reading stopped by an I/O error: {ex.Message}"), Policy, ex);
                yield break;
            }

            if (got < PixelCount)
            {
                Report.Reject(new BadRecord(sourceName, "record", i, BadRecordKind.Truncated, string.Create(CultureInfo.InvariantCulture, $"the file ends inside image {i} ({got} of {PixelCount} bytes); the header promises {header.Shape[0]} images")), Policy);
                yield break;
            }

            Report.CountAccepted();
            yield return image;
        }
    }

    // The header and image count, or (null, 0) after reporting why the file is not a bitmap file (strict mode: throws).
    private (NpyHeader? Header, long Count) ReadValidHeader(Stream stream, string sourceName)
    {
        try
        {
            NpyHeader header = NpyHeader.Read(stream, sourceName);
            return (header, ValidateHeader(header, sourceName));
        }
        catch (DataFormatException ex) when (Policy == BadRecordPolicy.SkipAndReport)
        {
            Report.Reject(ex.Record, Policy, ex);
            return (null, 0);
        }
        catch (IOException ex)
        {
            Report.Reject(new BadRecord(sourceName, "record", 0, BadRecordKind.Unreadable, $"reading stopped by an I/O error: {ex.Message}"), Policy, ex);
            return (null, 0);
        }
    }

    private static DataFormatException Fail(string source, string reason) =>
        new(new BadRecord(source, "record", 0, BadRecordKind.UnsupportedFormat, reason));
}
