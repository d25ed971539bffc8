using System;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

/// <summary>
/// Every way the ndjson parser refuses a line, with the exact kind and one-line reason a user sees, and the values it
/// accepts at each boundary (timestamps, key ids, coordinates, times, stroke layouts per format).
/// </summary>
public sealed class NdjsonParserRejectionTests
{
    private const string Good = "[[[1,2],[3,4]]]";

    [Theory]
    [InlineData("word", "field 'word' is missing")]
    [InlineData("countrycode", "field 'countrycode' is missing")]
    [InlineData("timestamp", "field 'timestamp' is missing")]
    [InlineData("recognized", "field 'recognized' is missing")]
    [InlineData("key_id", "field 'key_id' is missing")]
    [InlineData("drawing", "field 'drawing' is missing")]
    public void EachMissingFieldIsNamed(string field, string reason)
    {
        string line = field switch
        {
            "word" => Record(word: null),
            "countrycode" => Record(country: null),
            "timestamp" => Record(timestamp: null),
            "recognized" => Record(recognized: null),
            "key_id" => Record(keyId: null),
            _ => Record(drawing: null),
        };

        Reject(QuickDrawStrokeFormat.Simplified, line).ShouldBe((BadRecordKind.MissingField, reason));
    }

    [Theory]
    [InlineData("word", "1", "word must be a string, not Number")]
    [InlineData("countrycode", "[]", "countrycode must be a string, not StartArray")]
    [InlineData("timestamp", "17", "timestamp must be a string, not Number")]
    [InlineData("recognized", "\"yes\"", "recognized must be true or false, not String")]
    [InlineData("recognized", "null", "recognized must be true or false, not Null")]
    [InlineData("key_id", "5", "key_id must be a JSON string of digits, not Number")]
    [InlineData("drawing", "{}", "drawing must be an array of strokes, not StartObject")]
    public void AFieldOfTheWrongJsonTypeIsNamedWithTheTypeFound(string field, string json, string reason)
    {
        string line = field switch
        {
            "word" => Record(word: json),
            "countrycode" => Record(country: json),
            "timestamp" => Record(timestamp: json),
            "recognized" => Record(recognized: json),
            "key_id" => Record(keyId: json),
            _ => Record(drawing: json),
        };

        Reject(QuickDrawStrokeFormat.Simplified, line).ShouldBe((BadRecordKind.WrongType, reason));
    }

    [Fact]
    public void EveryFieldIsReadIntoTheDrawingAndUnknownFieldsAreSkipped()
    {
        string line = "{\"extra\":{\"nested\":[1,2,{\"x\":null}]},\"key_id\":\"18446744073709551615\",\"recognized\":false,\"drawing\":[[[1,2],[3,4]],[[5],[6]]],"
            + "\"timestamp\":\"2016-02-29 00:00:00 UTC\",\"countrycode\":\"GB\",\"word\":\"the Eiffel Tower\",\"more\":\"x\"}";
        Drawing d = Parse(QuickDrawStrokeFormat.Simplified, line);

        d.Word.ShouldBe("the Eiffel Tower");
        d.CountryCode.ShouldBe("GB");
        d.Timestamp.ShouldBe(new DateTimeOffset(2016, 2, 29, 0, 0, 0, TimeSpan.Zero));
        d.Recognized.ShouldBeFalse();
        d.KeyId.ShouldBe(ulong.MaxValue);
        d.Strokes.Count.ShouldBe(2);
        d.Strokes[0].X.ShouldBe([1f, 2f]);
        d.Strokes[0].Y.ShouldBe([3f, 4f]);
        d.Strokes[1].X.ShouldBe([5f]);
        d.Strokes[1].Y.ShouldBe([6f]);
        d.Strokes.ShouldAllBe(s => s.T == null);
    }

    [Fact]
    public void WordsAndCountriesChangeFromLineToLineThroughOneParser()
    {
        var parser = new NdjsonDrawingParser(QuickDrawStrokeFormat.Simplified);
        (string Word, string Country)[] lines = [("cat", "US"), ("cat", "US"), ("dog", "US"), ("c\\u0061t", "\\u0055S"), ("cat", "FR"), ("dog", "DE")];
        (string Word, string Country)[] seen = lines
            .Select(p => parser.Parse(Bytes(Record(word: Quote(p.Item1), country: Quote(p.Item2)))))
            .Select(d => (d.Word, d.CountryCode))
            .ToArray();

        seen.ShouldBe([("cat", "US"), ("cat", "US"), ("dog", "US"), ("cat", "US"), ("cat", "FR"), ("dog", "DE")]);
    }

    [Theory]
    [InlineData("2016-02-29 00:00:00 UTC", 2016, 2, 29, 0, 0, 0, 0L)]
    [InlineData("0001-01-01 00:00:00 UTC", 1, 1, 1, 0, 0, 0, 0L)]
    [InlineData("2017-12-31 23:59:59 UTC", 2017, 12, 31, 23, 59, 59, 0L)]
    [InlineData("2017-01-31 09:08:07.1234567 UTC", 2017, 1, 31, 9, 8, 7, 1_234_567L)]
    [InlineData("2017-01-31 09:08:07.09 UTC", 2017, 1, 31, 9, 8, 7, 900_000L)]
    [InlineData("2017-01-31 09:08:07. UTC", 2017, 1, 31, 9, 8, 7, 0L)]
    public void TimestampsAtTheirLimitsAreRead(string text, int year, int month, int day, int hour, int minute, int second, long ticks)
    {
        Drawing d = Parse(QuickDrawStrokeFormat.Simplified, Record(timestamp: Quote(text)));
        d.Timestamp.ShouldBe(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks));
    }

    [Fact]
    public void AnEscapedTimestampIsReadThroughTheGeneralParser()
    {
        Drawing d = Parse(QuickDrawStrokeFormat.Simplified, Record(timestamp: "\"2017-03-02 23:25:10\\u002E5 UTC\""));
        d.Timestamp.ShouldBe(new DateTimeOffset(2017, 3, 2, 23, 25, 10, TimeSpan.Zero).AddTicks(5_000_000));
    }

    [Theory]
    [InlineData("2017-03-02 23:25:10 UT")]
    [InlineData("2017-03-02 23:25:10 GMT")]
    [InlineData("2017/03-02 23:25:10 UTC")]
    [InlineData("2017-03/02 23:25:10 UTC")]
    [InlineData("2017-03-02T23:25:10 UTC")]
    [InlineData("2017-03-02 23.25:10 UTC")]
    [InlineData("2017-03-02 23:25.10 UTC")]
    [InlineData("2O17-03-02 23:25:10 UTC")]
    [InlineData("2017-0/-02 23:25:10 UTC")]
    [InlineData("2017-03-0: 23:25:10 UTC")]
    [InlineData("2017-03-02 2/:25:10 UTC")]
    [InlineData("2017-03-02 23:2::10 UTC")]
    [InlineData("2017-03-02 23:25:1/ UTC")]
    [InlineData("2017-03-02 23:25:10,5 UTC")]
    [InlineData("2017-03-02 23:25:10.12345678 UTC")]
    [InlineData("2017-03-02 23:25:10.1:3 UTC")]
    [InlineData("2017-00-02 23:25:10 UTC")]
    [InlineData("2017-13-02 23:25:10 UTC")]
    [InlineData("2017-03-00 23:25:10 UTC")]
    [InlineData("2017-04-31 23:25:10 UTC")]
    [InlineData("2017-02-29 23:25:10 UTC")]
    [InlineData("0000-03-02 23:25:10 UTC")]
    [InlineData("2017-03-02 24:00:00 UTC")]
    [InlineData("2017-03-02 23:60:10 UTC")]
    [InlineData("2017-03-02 23:25:60 UTC")]
    public void TimestampsOutsideGooglesFormatAreRefusedWithTheText(string text) =>
        Reject(QuickDrawStrokeFormat.Simplified, Record(timestamp: Quote(text)))
            .ShouldBe((BadRecordKind.WrongType, $"timestamp '{text}' is not 'YYYY-MM-DD HH:MM:SS.fffff UTC'"));

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("\\u0031\\u0032", 12UL)]
    public void KeyIdsAreUnsigned64BitDigitStrings(string json, ulong expected) =>
        Parse(QuickDrawStrokeFormat.Simplified, Record(keyId: Quote(json))).KeyId.ShouldBe(expected);

    [Theory]
    [InlineData("12a", BadRecordKind.WrongType, "key_id '12a' is not a string of digits")]
    [InlineData("1/", BadRecordKind.WrongType, "key_id '1/' is not a string of digits")]
    [InlineData("1:", BadRecordKind.WrongType, "key_id '1:' is not a string of digits")]
    [InlineData("-1", BadRecordKind.WrongType, "key_id '-1' is not a string of digits")]
    [InlineData("", BadRecordKind.OutOfRange, "key_id '' is not a 64-bit unsigned integer")]
    [InlineData("18446744073709551616", BadRecordKind.OutOfRange, "key_id '18446744073709551616' is not a 64-bit unsigned integer")]
    public void BadKeyIdsAreNamedWithTheirText(string json, BadRecordKind kind, string reason) =>
        Reject(QuickDrawStrokeFormat.Simplified, Record(keyId: Quote(json))).ShouldBe((kind, reason));

    [Theory]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[]", BadRecordKind.EmptyDrawing, "drawing has no strokes")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[],[]]]", BadRecordKind.EmptyDrawing, "stroke 0 has no points")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[5]", BadRecordKind.WrongType, "stroke 0 must be an array [[x...],[y...]], not Number")]
    [InlineData(QuickDrawStrokeFormat.Raw, "[[[1],[1],[0]],\"s\"]", BadRecordKind.WrongType, "stroke 1 must be an array [[x...],[y...](,[t...])], not String")]
    [InlineData(QuickDrawStrokeFormat.Auto, "[[[1],[1]],[[1],[1]],7]", BadRecordKind.WrongType, "stroke 2 must be an array [[x...],[y...](,[t...])], not Number")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[5]]", BadRecordKind.WrongType, "stroke 0: coordinate list 0 must be an array, not Number")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[1],true]]", BadRecordKind.WrongType, "stroke 0: coordinate list 1 must be an array, not True")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[1],[1],[0]]]", BadRecordKind.InconsistentStroke, "stroke 0 has more than 2 arrays")]
    [InlineData(QuickDrawStrokeFormat.Raw, "[[[1],[1],[0],[0]]]", BadRecordKind.InconsistentStroke, "stroke 0 has more than 3 arrays")]
    [InlineData(QuickDrawStrokeFormat.Auto, "[[[1],[1],[0],[0]]]", BadRecordKind.InconsistentStroke, "stroke 0 has more than 3 arrays")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[1]]]", BadRecordKind.InconsistentStroke, "stroke 0 has 1 arrays; expected 2 (x, y)")]
    [InlineData(QuickDrawStrokeFormat.Raw, "[[[1],[1]]]", BadRecordKind.InconsistentStroke, "stroke 0 has 2 arrays; expected 3 (x, y, t)")]
    [InlineData(QuickDrawStrokeFormat.Auto, "[[]]", BadRecordKind.InconsistentStroke, "stroke 0 has 0 arrays; expected 2 or 3")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[1],[1]],[[1,2],[1]]]", BadRecordKind.InconsistentStroke, "stroke 1 has 2 x, 1 y values")]
    [InlineData(QuickDrawStrokeFormat.Auto, "[[[1],[1,2]]]", BadRecordKind.InconsistentStroke, "stroke 0 has 1 x, 2 y values")]
    [InlineData(QuickDrawStrokeFormat.Raw, "[[[1,2],[1,2],[0]]]", BadRecordKind.InconsistentStroke, "stroke 0 has 2 x, 2 y and 1 t values")]
    [InlineData(QuickDrawStrokeFormat.Auto, "[[[1,2],[1,2],[0,1,2]]]", BadRecordKind.InconsistentStroke, "stroke 0 has 2 x, 2 y and 3 t values")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[\"a\"],[1]]]", BadRecordKind.WrongType, "stroke 0: x[0] must be a number, not String")]
    [InlineData(QuickDrawStrokeFormat.Raw, "[[[1,2],[1,null],[0,1]]]", BadRecordKind.WrongType, "stroke 0: y[1] must be a number, not Null")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[1,1.5],[1,1]]]", BadRecordKind.WrongType, "stroke 0: x[1] = 1.5 is not an integer (simplified coordinates are 0..255)")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[1],[256]]]", BadRecordKind.OutOfRange, "stroke 0: y[0] = 256 is outside 0..255")]
    [InlineData(QuickDrawStrokeFormat.Simplified, "[[[-1],[0]]]", BadRecordKind.OutOfRange, "stroke 0: x[0] = -1 is outside 0..255")]
    [InlineData(QuickDrawStrokeFormat.Raw, "[[[1e39],[0],[0]]]", BadRecordKind.OutOfRange, "stroke 0: x[0] = 1e39 is not a finite single-precision value")]
    [InlineData(QuickDrawStrokeFormat.Auto, "[[[0,-1000000.5],[0,0]]]", BadRecordKind.OutOfRange, "stroke 0: x[1] = -1000000.5 is outside ±1000000 (screen pixels)")]
    [InlineData(QuickDrawStrokeFormat.Raw, "[[[0],[0],[\"1\"]]]", BadRecordKind.WrongType, "stroke 0: t[0] must be an integer number of milliseconds")]
    [InlineData(QuickDrawStrokeFormat.Raw, "[[[0,1],[0,1],[0,1.5]]]", BadRecordKind.WrongType, "stroke 0: t[1] must be an integer number of milliseconds")]
    [InlineData(QuickDrawStrokeFormat.Auto, "[[[0,1],[0,1],[0,-1]]]", BadRecordKind.OutOfRange, "stroke 0: t[1] = -1 is outside 0..2147483647")]
    public void BadStrokesAreNamedWithTheirIndexAndProblem(QuickDrawStrokeFormat format, string drawing, BadRecordKind kind, string reason) =>
        Reject(format, Record(drawing: drawing)).ShouldBe((kind, reason));

    [Fact]
    public void AutoReadsStrokesWithAndWithoutTimesAndRealCoordinates()
    {
        Drawing d = Parse(QuickDrawStrokeFormat.Auto, Record(drawing: "[[[0.5,-3],[1000000,2]],[[4],[5],[2147483647]]]"));

        d.Strokes[0].X.ShouldBe([0.5f, -3f]);
        d.Strokes[0].Y.ShouldBe([1_000_000f, 2f]);
        d.Strokes[0].T.ShouldBeNull();
        d.Strokes[1].T.ShouldBe([int.MaxValue]);
    }

    [Theory]
    [InlineData(3.4028234e38, true)]
    [InlineData(-3.4028234e38, true)]
    [InlineData(3.5e38, false)]
    [InlineData(-3.5e38, false)]
    public void RawCoordinatesMustFitASingleEvenWithoutALimit(double x, bool accepted)
    {
        var parser = new NdjsonDrawingParser(QuickDrawStrokeFormat.Raw, double.MaxValue);
        string text = x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        byte[] line = Bytes(Record(drawing: $"[[[{text}],[0],[0]]]"));
        if (accepted)
        {
            parser.Parse(line).Strokes[0].X.ShouldBe([(float)x]);
        }
        else
        {
            RecordRejectedException ex = Should.Throw<RecordRejectedException>(() => parser.Parse(line));
            (ex.Kind, ex.Message).ShouldBe((BadRecordKind.OutOfRange, $"stroke 0: x[0] = {text} is not a finite single-precision value"));
        }
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"' }, 2)]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xC3, (byte)'"' }, 7)]
    [InlineData(new byte[] { (byte)'{', 0xED, 0xA0, 0x80 }, 1)]
    public void InvalidUtf8IsNamedWithTheByteOffsetOfTheFirstBadByte(byte[] line, int offset)
    {
        RecordRejectedException ex = Should.Throw<RecordRejectedException>(() => new NdjsonDrawingParser(QuickDrawStrokeFormat.Auto).Parse(line));
        (ex.Kind, ex.Message).ShouldBe((BadRecordKind.InvalidEncoding, $"the line is not valid UTF-8 (first invalid byte at offset {offset})"));
    }

    [Theory]
    [InlineData("[1,2]", BadRecordKind.Malformed, "a line must be one JSON object")]
    [InlineData("\"text\"", BadRecordKind.Malformed, "a line must be one JSON object")]
    public void ALineMustBeOneObject(string line, BadRecordKind kind, string reason) =>
        Reject(QuickDrawStrokeFormat.Auto, line).ShouldBe((kind, reason));

    [Fact]
    public void EveryCutOfARecordIsTruncatedAndNamesWhereTheCutIs()
    {
        string full = Record();
        var parser = new NdjsonDrawingParser(QuickDrawStrokeFormat.Simplified);
        for (int length = 1; length < full.Length; length++)
        {
            byte[] cut = Bytes(full[..length]);
            RecordRejectedException inLine = Should.Throw<RecordRejectedException>(() => parser.Parse(cut), $"cut at {length}");
            inLine.Kind.ShouldBe(BadRecordKind.Truncated, $"cut at {length}: {inLine.Message}");
            inLine.Message.ShouldStartWith("truncated JSON: the line ends inside", Case.Sensitive, $"cut at {length}");

            RecordRejectedException atEnd = Should.Throw<RecordRejectedException>(() => parser.Parse(cut, endsStream: true), $"cut at {length}");
            atEnd.Kind.ShouldBe(BadRecordKind.Truncated);
            atEnd.Message.ShouldStartWith("truncated JSON: the file ends inside this record", Case.Sensitive, $"cut at {length}");
        }
    }

    [Theory]
    [InlineData("{\"word\":cat,\"x\":1}")]
    [InlineData("{\"word\" \"cat\"}")]
    [InlineData("{\"word\":\"cat\",,\"x\":1}")]
    public void BrokenJsonBeforeTheEndOfTheLineIsMalformed(string line)
    {
        (BadRecordKind kind, string reason) = Reject(QuickDrawStrokeFormat.Simplified, line);
        kind.ShouldBe(BadRecordKind.Malformed);
        reason.ShouldStartWith("malformed JSON: ");

        RecordRejectedException atEnd = Should.Throw<RecordRejectedException>(() => new NdjsonDrawingParser(QuickDrawStrokeFormat.Simplified).Parse(Bytes(line), endsStream: true));
        atEnd.Kind.ShouldBe(BadRecordKind.Malformed);
    }

    private static string Record(
        string? word = "\"cat\"",
        string? country = "\"VE\"",
        string? timestamp = "\"2017-03-02 23:25:10.07453 UTC\"",
        string? recognized = "true",
        string? keyId = "\"42\"",
        string? drawing = Good)
    {
        var fields = new[] { ("word", word), ("countrycode", country), ("timestamp", timestamp), ("recognized", recognized), ("key_id", keyId), ("drawing", drawing) };
        return "{" + string.Join(",", fields.Where(f => f.Item2 is not null).Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}";
    }

    private static string Quote(string text) => "\"" + text + "\"";

    private static byte[] Bytes(string line) => Encoding.UTF8.GetBytes(line);

    private static Drawing Parse(QuickDrawStrokeFormat format, string line) =>
        new NdjsonDrawingParser(format).Parse(Bytes(line));

    private static (BadRecordKind Kind, string Reason) Reject(QuickDrawStrokeFormat format, string line)
    {
        RecordRejectedException ex = Should.Throw<RecordRejectedException>(() => new NdjsonDrawingParser(format).Parse(Bytes(line)));
        return (ex.Kind, ex.Message);
    }
}
