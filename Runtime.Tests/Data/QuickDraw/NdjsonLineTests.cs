using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

/// <summary>
/// How ndjson is cut into lines: LF and CRLF, the byte-order mark, the line limit at its exact boundary, lines longer
/// than the buffer, an unterminated last line, streams that deliver a byte at a time, and what the reader makes of each.
/// </summary>
public sealed class NdjsonLineTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(int.MaxValue)]
    public void LfAndCrLfLinesAndTheUnterminatedLastLineAreSplitAlike(int chunk)
    {
        List<(string Text, bool TooLong, long Number, bool Unterminated)> lines = Lines("a\nbb\r\n\r\n\n c \rd\r\ne", 1024, chunk);

        lines.ShouldBe(
        [
            ("a", false, 1L, false),
            ("bb", false, 2L, false),
            (string.Empty, false, 3L, false),
            (string.Empty, false, 4L, false),
            (" c \rd", false, 5L, false),
            ("e", false, 6L, true),
        ]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void AByteOrderMarkAtTheStartIsSkippedHoweverTheStreamDeliversIt(int chunk)
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        byte[] data = [.. bom, .. "ab\n"u8.ToArray(), .. bom, .. "c\n"u8.ToArray()];

        List<byte[]> lines = RawLines(data, 1024, chunk);

        lines.Count.ShouldBe(2);
        lines[0].ShouldBe("ab"u8.ToArray());
        lines[1].ShouldBe([.. bom, .. "c"u8.ToArray()]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public void AShortFirstLineIsNotMistakenForAByteOrderMark(int chunk)
    {
        RawLines([0xEF, (byte)'\n', 0xBB, 0xBF, (byte)'\n'], 1024, chunk).ShouldBe([new byte[] { 0xEF }, new byte[] { 0xBB, 0xBF }]);
        RawLines([0xEF, 0xBB], 1024, chunk).ShouldBe([new byte[] { 0xEF, 0xBB }]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void TheLimitIsTheLineLengthInBytesIncludingACarriageReturn(int chunk)
    {
        string exact = new('x', 1024);
        string over = new('y', 1025);
        string crOver = new string('z', 1024) + "\r";
        List<(string Text, bool TooLong, long Number, bool Unterminated)> lines = Lines($"{exact}\n{over}\n{crOver}\nok\n{over}", 1024, chunk);

        lines.Select(l => (l.TooLong, l.Number, l.Unterminated)).ShouldBe([(false, 1L, false), (true, 2L, false), (true, 3L, false), (false, 4L, false), (true, 5L, true)]);
        lines[0].Text.ShouldBe(exact);
        lines[1].Text.ShouldBeEmpty();
        lines[3].Text.ShouldBe("ok");
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(int.MaxValue)]
    public void LinesLongerThanTheBufferAreReadWholeUpToTheLimit(int chunk)
    {
        string big = string.Concat(Enumerable.Range(0, 30_000).Select(i => (char)('a' + (i % 26))));
        string huge = new('h', 300_000);
        List<(string Text, bool TooLong, long Number, bool Unterminated)> lines = Lines($"{big}{big}{big}\n{huge}\nend\n{huge}", 100_000, chunk);

        lines.Select(l => (l.TooLong, l.Number)).ShouldBe([(false, 1L), (true, 2L), (false, 3L), (true, 4L)]);
        lines[0].Text.ShouldBe(big + big + big);
        lines[2].Text.ShouldBe("end");
    }

    [Fact]
    public void AnEmptyStreamHasNoLinesAndALoneNewlineHasOne()
    {
        Lines(string.Empty, 1024, int.MaxValue).ShouldBeEmpty();
        Lines("\n", 1024, int.MaxValue).ShouldBe([(string.Empty, false, 1L, false)]);
    }

    [Fact]
    public void TheReaderReportsOverlongAndTruncatedLinesWithTheirNumbersAndSkipsBlankOnes()
    {
        string good = QuickDrawNdjsonReaderTests.Line("1", "[[[1],[1]]]");
        string longLine = QuickDrawNdjsonReaderTests.Line("2", "[[[" + string.Join(",", Enumerable.Repeat("1", 700)) + "],[" + string.Join(",", Enumerable.Repeat("1", 700)) + "]]]");
        string text = $"{good}\r\n \t\r\n{longLine}\n\n{good.Replace("\"1\"", "\"3\"", StringComparison.Ordinal)}\n{good[..40]}";
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxLineBytes = 1024 });

        List<RecordOutcome<Drawing>> outcomes = reader.ReadRecords(new FailingStream(Encoding.UTF8.GetBytes(text), chunk: 5), "l.ndjson").ToList();

        outcomes.Select(o => (o.Position, o.Value?.KeyId, o.Rejection?.Kind)).ShouldBe(
        [
            (1L, 1UL, null),
            (3L, null, BadRecordKind.Malformed),
            (5L, 3UL, null),
            (6L, null, BadRecordKind.Truncated),
        ]);
        outcomes[1].Rejection!.Reason.ShouldBe("line longer than 1024 bytes");
        outcomes[3].Rejection!.Reason.ShouldStartWith("truncated JSON: the file ends inside this record (");
        reader.Report.BlankLinesSkipped.ShouldBe(2);
        reader.Report.Accepted.ShouldBe(2);
        reader.Report.BadRecords.ShouldBe(2);
    }

    [Fact]
    public void AnIoErrorIsOneUnreadableRecordAtTheNextLine()
    {
        string good = QuickDrawNdjsonReaderTests.Line("1", "[[[1],[1]]]");
        byte[] data = Encoding.UTF8.GetBytes($"{good}\n{good}\n{good}\n");
        var reader = new QuickDrawNdjsonReader();

        List<RecordOutcome<Drawing>> outcomes = reader.ReadRecords(new FailingStream(data, failAfter: good.Length + 10, chunk: 64), "io.ndjson").ToList();

        outcomes.Count.ShouldBe(2);
        outcomes[0].Value!.KeyId.ShouldBe(1UL);
        (outcomes[1].Position, outcomes[1].Value, outcomes[1].Rejection!.Kind, outcomes[1].Rejection!.Reason)
            .ShouldBe((2L, null, BadRecordKind.Unreadable, "reading stopped by an I/O error: disk gone"));
        reader.Report.BadRecordCounts[BadRecordKind.Unreadable].ShouldBe(1);
    }

    [Fact]
    public void ALineLimitBelow1024IsRefusedAtConstruction()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxLineBytes = 1023 }));
        new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxLineBytes = 1024 }).Options.MaxLineBytes.ShouldBe(1024);
    }

    [Fact]
    public void ReadFilesChainsFilesAndAMissingFileIsReported()
    {
        using var temp = new TempDirectory();
        string a = temp.File("a.ndjson");
        string b = temp.File("b.ndjson");
        File.WriteAllText(a, QuickDrawNdjsonReaderTests.Line("1", "[[[1],[1]]]") + "\n" + QuickDrawNdjsonReaderTests.Line("2", "[[[1],[1]]]"));
        File.WriteAllText(b, QuickDrawNdjsonReaderTests.Line("3", "[[[1],[1]]]") + "\n");
        var reader = new QuickDrawNdjsonReader();

        reader.ReadFiles([a, temp.File("missing.ndjson"), b]).Select(d => d.KeyId).ShouldBe([1UL, 2UL, 3UL]);
        BadRecord missing = reader.Report.Examples.Single();
        (missing.Kind, missing.Source).ShouldBe((BadRecordKind.Unreadable, temp.File("missing.ndjson")));
        Should.Throw<ArgumentNullException>(() => reader.ReadFiles(null!));
        Should.Throw<ArgumentNullException>(() => reader.ReadFile(null!));
        Should.Throw<ArgumentNullException>(() => reader.Read(null!, "x"));
        Should.Throw<ArgumentNullException>(() => reader.Read(new MemoryStream(), null!));
        Should.Throw<ArgumentNullException>(() => reader.ReadRecords(null!, "x"));
        Should.Throw<ArgumentNullException>(() => reader.ReadRecords(new MemoryStream(), null!));
    }

    [Fact]
    public void ACappedOneClassFileStopsAtTheCapWithoutReadingTheRest()
    {
        string[] lines = [QuickDrawNdjsonReaderTests.Line("1", "[[[1],[1]]]"), QuickDrawNdjsonReaderTests.Line("2", "[[[1],[1]]]"), "garbage"];
        byte[] data = Encoding.UTF8.GetBytes(string.Join("\n", lines));

        var capped = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxPerClass = 2, OneClassPerFile = true });
        capped.Read(new MemoryStream(data), "c.ndjson").Count().ShouldBe(2);
        capped.Report.BadRecords.ShouldBe(0);

        var onward = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxPerClass = 2, OneClassPerFile = false });
        onward.Read(new MemoryStream(data), "c.ndjson").Count().ShouldBe(2);
        onward.Report.BadRecords.ShouldBe(1);
    }

    private static List<(string Text, bool TooLong, long Number, bool Unterminated)> Lines(string text, int max, int chunk)
    {
        var reader = new Utf8LineReader(new FailingStream(Encoding.UTF8.GetBytes(text), chunk: chunk), max);
        var lines = new List<(string, bool, long, bool)>();
        while (reader.TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong))
        {
            lines.Add((Encoding.UTF8.GetString(line.Span), tooLong, reader.LineNumber, reader.LastLineUnterminated));
        }

        return lines;
    }

    private static List<byte[]> RawLines(byte[] data, int max, int chunk)
    {
        var reader = new Utf8LineReader(new FailingStream(data, chunk: chunk), max);
        var lines = new List<byte[]>();
        while (reader.TryReadLine(out ReadOnlyMemory<byte> line, out _))
        {
            lines.Add(line.ToArray());
        }

        return lines;
    }
}
