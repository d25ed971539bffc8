using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>Parses one QuickDraw ndjson line with <see cref="Utf8JsonReader"/>; reuses its buffers between lines.</summary>
internal sealed class NdjsonDrawingParser
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF 'UTC'",
        "yyyy-MM-dd HH:mm:ss 'UTC'",
    ];

    private readonly QuickDrawStrokeFormat format;
    private readonly double maxAbsCoordinate;
    private readonly List<float> xs = [];
    private readonly List<float> ys = [];
    private readonly List<int> ts = [];
    private readonly List<Stroke> strokes = [];
    private readonly Dictionary<int, string> countries = [];
    private readonly bool requireMetadata;
    private string lastWord = string.Empty;
    private byte[] lastWordUtf8 = [];

    public NdjsonDrawingParser(QuickDrawStrokeFormat format, double maxAbsCoordinate = 1_000_000, bool requireMetadata = true)
    {
        this.format = format;
        this.maxAbsCoordinate = maxAbsCoordinate;
        this.requireMetadata = requireMetadata;
    }

    /// <summary>Parses a line; throws <see cref="RecordRejectedException"/> for a bad record.</summary>
    /// <param name="line">The line's bytes, without its terminator.</param>
    /// <param name="endsStream">The line is the last of its stream and has no terminator: JSON that stops early there is reported as truncated.</param>
    public Drawing Parse(ReadOnlySpan<byte> line, bool endsStream = false)
    {
        // Utf8JsonReader checks the UTF-8 of a string only when it is decoded; checking the whole line first makes
        // invalid bytes a bad record wherever they are, instead of an exception from GetString.
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            throw new RecordRejectedException(BadRecordKind.InvalidEncoding, $"the line is not valid UTF-8 (first invalid byte at offset {FirstInvalidUtf8(line).ToString(CultureInfo.InvariantCulture)})");
        }

        try
        {
            return ParseCore(line);
        }
        catch (JsonException ex)
        {
            // The JSON stops before it is complete exactly when the reader fails at the end of the line.
            bool atEnd = ex.BytePositionInLine is long at && at >= line.Length - 1;
            BadRecordKind kind = atEnd ? BadRecordKind.Truncated : BadRecordKind.Malformed;
            string reason = kind == BadRecordKind.Truncated
                ? (endsStream ? "truncated JSON: the file ends inside this record" : "truncated JSON: the line ends inside a value") + " (" + ex.Message + ")"
                : "malformed JSON: " + ex.Message;
            throw new RecordRejectedException(kind, reason, ex);
        }
        catch (RecordRejectedException ex) when (ex.Kind == BadRecordKind.Truncated && endsStream)
        {
            throw new RecordRejectedException(BadRecordKind.Truncated, "truncated JSON: the file ends inside this record", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Defence in depth: a value Utf8JsonReader cannot decode (the line was checked above).
            throw new RecordRejectedException(BadRecordKind.InvalidEncoding, "a string cannot be decoded: " + ex.Message, ex);
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> line)
    {
        int offset = 0;
        while (offset < line.Length)
        {
            System.Buffers.OperationStatus status = System.Text.Rune.DecodeFromUtf8(line[offset..], out _, out int consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private Drawing ParseCore(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RecordRejectedException(BadRecordKind.Malformed, "a line must be one JSON object");
        }

        string? word = null;
        string? country = null;
        DateTimeOffset? timestamp = null;
        bool? recognized = null;
        ulong? keyId = null;
        Stroke[]? drawing = null;

        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (reader.ValueTextEquals("word"u8))
            {
                Next(ref reader);
                word = ReadWord(ref reader);
            }
            else if (reader.ValueTextEquals("countrycode"u8))
            {
                Next(ref reader);
                country = ReadCountry(ref reader);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                Next(ref reader);
                timestamp = ReadTimestamp(ref reader);
            }
            else if (reader.ValueTextEquals("recognized"u8))
            {
                Next(ref reader);
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    throw new RecordRejectedException(BadRecordKind.WrongType, $"recognized must be true or false, not {reader.TokenType}");
                }

                recognized = reader.GetBoolean();
            }
            else if (reader.ValueTextEquals("key_id"u8))
            {
                Next(ref reader);
                keyId = ReadKeyId(ref reader);
            }
            else if (reader.ValueTextEquals("drawing"u8))
            {
                Next(ref reader);
                drawing = ReadDrawing(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            throw new RecordRejectedException(BadRecordKind.Malformed, "unexpected content after the JSON object");
        }

        if (!requireMetadata)
        {
            return new Drawing(word ?? string.Empty, country ?? string.Empty, timestamp ?? DateTimeOffset.UnixEpoch, recognized ?? true, keyId ?? 0, drawing ?? throw Missing("drawing"));
        }

        return new Drawing(
            word ?? throw Missing("word"),
            country ?? throw Missing("countrycode"),
            timestamp ?? throw Missing("timestamp"),
            recognized ?? throw Missing("recognized"),
            keyId ?? throw Missing("key_id"),
            drawing ?? throw Missing("drawing"));
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new RecordRejectedException(BadRecordKind.Truncated, "truncated JSON: the line ends before the object is closed");
        }

        return reader.TokenType;
    }

    private static RecordRejectedException Missing(string field) =>
        new(BadRecordKind.MissingField, $"field '{field}' is missing");

    private string ReadCountry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length == 2)
        {
            int key = (reader.ValueSpan[0] << 8) | reader.ValueSpan[1];
            if (!countries.TryGetValue(key, out string? code))
            {
                code = reader.GetString()!;
                countries.Add(key, code);
            }

            return code;
        }

        return RequireString(ref reader, "countrycode");
    }

    private static DateTimeOffset ReadTimestamp(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && TryParseTimestamp(reader.ValueSpan, out DateTimeOffset fast))
        {
            return fast;
        }

        string text = RequireString(ref reader, "timestamp");
        if (!DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset ts))
        {
            throw new RecordRejectedException(BadRecordKind.WrongType, $"timestamp '{text}' is not 'YYYY-MM-DD HH:MM:SS.fffff UTC'");
        }

        return ts;
    }

    /// <summary>Parses Google's <c>yyyy-MM-dd HH:mm:ss[.f{1,7}] UTC</c> straight from UTF-8, without allocating.</summary>
    private static bool TryParseTimestamp(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 23 || !s.EndsWith(" UTC"u8) || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out int year) || !Digits(s.Slice(5, 2), out int month) || !Digits(s.Slice(8, 2), out int day)
            || !Digits(s.Slice(11, 2), out int hour) || !Digits(s.Slice(14, 2), out int minute) || !Digits(s.Slice(17, 2), out int second))
        {
            return false;
        }

        long ticks = 0;
        ReadOnlySpan<byte> rest = s[19..^4];
        if (!rest.IsEmpty)
        {
            if (rest[0] != '.' || rest.Length < 2 || rest.Length > 8 || !Digits(rest[1..], out int fraction))
            {
                return false;
            }

            ticks = fraction;
            for (int i = rest.Length - 1; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks));
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (byte b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static string RequireString(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new RecordRejectedException(BadRecordKind.WrongType, $"{field} must be a string, not {reader.TokenType}");
        }

        return reader.GetString()!;
    }

    private string ReadWord(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new RecordRejectedException(BadRecordKind.WrongType, $"word must be a string, not {reader.TokenType}");
        }

        // Google's files repeat one word on every line: reuse the string instead of allocating it each time.
        if (!reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(lastWordUtf8))
        {
            return lastWord;
        }

        lastWord = reader.GetString()!;
        lastWordUtf8 = Encoding.UTF8.GetBytes(lastWord);
        return lastWord;
    }

    private static ulong ReadKeyId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new RecordRejectedException(BadRecordKind.WrongType, $"key_id must be a JSON string of digits, not {reader.TokenType}");
        }

        ReadOnlySpan<byte> digits = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                throw new RecordRejectedException(BadRecordKind.WrongType, $"key_id '{Encoding.UTF8.GetString(digits)}' is not a string of digits");
            }
        }

        if (digits.IsEmpty || !Utf8Parser.TryParse(digits, out ulong value, out int consumed) || consumed != digits.Length)
        {
            throw new RecordRejectedException(BadRecordKind.OutOfRange, $"key_id '{Encoding.UTF8.GetString(digits)}' is not a 64-bit unsigned integer");
        }

        return value;
    }

    private Stroke[] ReadDrawing(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new RecordRejectedException(BadRecordKind.WrongType, $"drawing must be an array of strokes, not {reader.TokenType}");
        }

        strokes.Clear();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            strokes.Add(ReadStroke(ref reader, strokes.Count));
        }

        if (strokes.Count == 0)
        {
            throw new RecordRejectedException(BadRecordKind.EmptyDrawing, "drawing has no strokes");
        }

        return strokes.ToArray();
    }

    private Stroke ReadStroke(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new RecordRejectedException(BadRecordKind.WrongType, $"stroke {index} must be an array [[x...],[y...]{(format == QuickDrawStrokeFormat.Simplified ? string.Empty : "(,[t...])")}], not {reader.TokenType}");
        }

        xs.Clear();
        ys.Clear();
        ts.Clear();
        int arrays = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new RecordRejectedException(BadRecordKind.WrongType, $"stroke {index}: coordinate list {arrays} must be an array, not {reader.TokenType}");
            }

            switch (arrays)
            {
                case 0:
                    ReadCoordinates(ref reader, xs, index, "x");
                    break;
                case 1:
                    ReadCoordinates(ref reader, ys, index, "y");
                    break;
                case 2 when format != QuickDrawStrokeFormat.Simplified:
                    ReadTimes(ref reader, index);
                    break;
                default:
                    throw new RecordRejectedException(BadRecordKind.InconsistentStroke, $"stroke {index} has more than {(format == QuickDrawStrokeFormat.Simplified ? 2 : 3)} arrays");
            }

            arrays++;
        }

        if (arrays < 2 || (format == QuickDrawStrokeFormat.Raw && arrays != 3))
        {
            throw new RecordRejectedException(BadRecordKind.InconsistentStroke, $"stroke {index} has {arrays} arrays; expected {(format == QuickDrawStrokeFormat.Raw ? "3 (x, y, t)" : format == QuickDrawStrokeFormat.Simplified ? "2 (x, y)" : "2 or 3")}");
        }

        if (xs.Count != ys.Count || (arrays == 3 && ts.Count != xs.Count))
        {
            throw new RecordRejectedException(BadRecordKind.InconsistentStroke, $"stroke {index} has {xs.Count} x, {ys.Count} y{(arrays == 3 ? $" and {ts.Count} t" : string.Empty)} values");
        }

        if (xs.Count == 0)
        {
            throw new RecordRejectedException(BadRecordKind.EmptyDrawing, $"stroke {index} has no points");
        }

        return new Stroke(xs.ToArray(), ys.ToArray(), arrays == 3 ? ts.ToArray() : null);
    }

    private void ReadCoordinates(ref Utf8JsonReader reader, List<float> target, int stroke, string axis)
    {
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new RecordRejectedException(BadRecordKind.WrongType, $"stroke {stroke}: {axis}[{target.Count}] must be a number, not {reader.TokenType}");
            }

            if (format == QuickDrawStrokeFormat.Simplified)
            {
                if (!reader.TryGetInt32(out int v))
                {
                    throw new RecordRejectedException(BadRecordKind.WrongType, $"stroke {stroke}: {axis}[{target.Count}] = {Encoding.UTF8.GetString(reader.ValueSpan)} is not an integer (simplified coordinates are 0..255)");
                }

                if (v is < 0 or > 255)
                {
                    throw new RecordRejectedException(BadRecordKind.OutOfRange, $"stroke {stroke}: {axis}[{target.Count}] = {v.ToString(CultureInfo.InvariantCulture)} is outside 0..255");
                }

                target.Add(v);
            }
            else
            {
                if (!reader.TryGetDouble(out double v) || !double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
                {
                    throw new RecordRejectedException(BadRecordKind.OutOfRange, $"stroke {stroke}: {axis}[{target.Count}] = {Encoding.UTF8.GetString(reader.ValueSpan)} is not a finite single-precision value");
                }

                if (Math.Abs(v) > maxAbsCoordinate)
                {
                    // Shortest round-trip text: six digits showed -1000000.5 as -1E+06, which looks inside a ±1E+06 limit.
                    throw new RecordRejectedException(BadRecordKind.OutOfRange, string.Create(CultureInfo.InvariantCulture, $"stroke {stroke}: {axis}[{target.Count}] = {v} is outside ±{maxAbsCoordinate} (screen pixels)"));
                }

                target.Add((float)v);
            }
        }
    }

    private void ReadTimes(ref Utf8JsonReader reader, int stroke)
    {
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long t))
            {
                throw new RecordRejectedException(BadRecordKind.WrongType, $"stroke {stroke}: t[{ts.Count}] must be an integer number of milliseconds");
            }

            if (t is < 0 or > int.MaxValue)
            {
                throw new RecordRejectedException(BadRecordKind.OutOfRange, $"stroke {stroke}: t[{ts.Count}] = {t.ToString(CultureInfo.InvariantCulture)} is outside 0..{int.MaxValue.ToString(CultureInfo.InvariantCulture)}");
            }

            ts.Add((int)t);
        }
    }
}
