using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

public sealed class QuickDrawNdjsonReaderTests
{
    private static readonly string[] Classes = ["apple", "banana", "coffee cup", "eye", "mouth", "nose"];

    private static string Simplified100(string word) => Fixtures.PathOf("quickdraw", "simplified_100", word + ".ndjson");

    [Theory]
    [InlineData("apple", 100, 95, 288, 3711)]
    [InlineData("banana", 100, 94, 624, 3781)]
    [InlineData("coffee cup", 100, 92, 473, 4342)]
    [InlineData("eye", 100, 100, 546, 5109)]
    [InlineData("mouth", 100, 100, 404, 3410)]
    [InlineData("nose", 100, 100, 174, 2070)]
    public void ReadsEverySimplifiedFileWithItsKnownCounts(string word, int drawings, int recognized, int strokes, int points)
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Simplified, BadRecords = BadRecordPolicy.Throw });
        List<Drawing> all = reader.ReadFile(Simplified100(word)).ToList();

        all.Count.ShouldBe(drawings);
        all.ShouldAllBe(d => d.Word == word);
        all.Count(d => d.Recognized).ShouldBe(recognized);
        all.Sum(d => d.Strokes.Count).ShouldBe(strokes);
        all.Sum(d => d.PointCount).ShouldBe(points);
        reader.Report.Accepted.ShouldBe(drawings);
        reader.Report.BadRecords.ShouldBe(0);
    }

    [Fact]
    public void FirstAppleHasItsExactMetadataAndStrokes()
    {
        Drawing first = new QuickDrawNdjsonReader().ReadFile(Simplified100("apple")).First();

        first.KeyId.ShouldBe(6420579601088512UL);
        first.CountryCode.ShouldBe("US");
        first.Recognized.ShouldBeFalse();
        first.Timestamp.ShouldBe(new DateTimeOffset(2017, 3, 10, 22, 17, 57, TimeSpan.Zero).AddTicks(5746600));
        first.Strokes.Count.ShouldBe(6);
        first.Strokes[0].X.ShouldBe([255f, 255f]);
        first.Strokes[0].Y.ShouldBe([0f, 0f]);
        first.Strokes[0].T.ShouldBeNull();
        first.Strokes[5].X.ShouldBe([84f, 77f, 81f, 88f, 99f, 122f, 138f, 161f, 180f]);
        first.Strokes[5].Y.ShouldBe([97f, 85f, 52f, 34f, 18f, 4f, 1f, 2f, 12f]);
    }

    [Fact]
    public void WithoutRequiredMetadataOnlyTheDrawingIsNeededAndPresentFieldsAreStillChecked()
    {
        byte[] lines = Encoding.UTF8.GetBytes(
            "{\"drawing\":[[[1,2],[3,4]]]}\n"
            + "{\"word\":\"cat\",\"countrycode\":\"FR\",\"key_id\":\"12\",\"drawing\":[[[5],[6]]]}\n"
            + "{\"recognized\":3,\"drawing\":[[[1],[1]]]}\n"
            + "{\"word\":\"dog\"}\n");
        var lenient = new QuickDrawNdjsonReader(new QuickDrawReadOptions { RequireMetadata = false, OneClassPerFile = false, DeduplicateKeyIds = false });

        Drawing[] read = [.. lenient.Read(new MemoryStream(lines), "own.ndjson")];

        read.Length.ShouldBe(2);
        (read[0].Word, read[0].CountryCode, read[0].Timestamp, read[0].Recognized, read[0].KeyId).ShouldBe((string.Empty, string.Empty, DateTimeOffset.UnixEpoch, true, 0UL));
        read[0].Strokes[0].X.ShouldBe([1f, 2f]);
        (read[1].Word, read[1].CountryCode, read[1].KeyId).ShouldBe(("cat", "FR", 12UL));
        lenient.Report.BadRecordCounts.ShouldBe(new Dictionary<BadRecordKind, int> { [BadRecordKind.WrongType] = 1, [BadRecordKind.MissingField] = 1 }, ignoreOrder: true);
        lenient.Report.Examples.Select(e => e.Reason).ShouldContain("field 'drawing' is missing");

        var strict = new QuickDrawNdjsonReader(new QuickDrawReadOptions { OneClassPerFile = false });
        strict.Read(new MemoryStream(lines), "own.ndjson").Count().ShouldBe(0, "by default QuickDraw's metadata is required");
        strict.Report.Examples.Select(e => e.Reason).ShouldContain("field 'word' is missing");
        strict.Report.Examples.Select(e => e.Reason).ShouldContain("field 'countrycode' is missing");
    }

    [Fact]
    public void RecognizedOnlyKeeps581OfThe600AndCountsTheRest()
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { RecognizedOnly = true });
        int kept = reader.ReadFiles(Classes.Select(Simplified100)).Count();

        kept.ShouldBe(581);
        reader.Report.UnrecognizedSkipped.ShouldBe(19);
        reader.Report.Accepted.ShouldBe(581);
    }

    [RealDataFact]
    public void CapStopsReadingAOneClassFileEarly()
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxPerClass = 10 });
        List<Drawing> monkeys = reader.ReadFile(SharedData.PathOf("quickdraw", "simplified_1000", "monkey.ndjson")).ToList();

        monkeys.Count.ShouldBe(10);
        reader.Report.OverCapSkipped.ShouldBe(0); // nothing past the 10th line was read
    }

    [RealDataFact]
    public void CapWithoutOneClassPerFileReadsEverythingAndCountsTheOverflow()
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxPerClass = 10, OneClassPerFile = false });
        reader.ReadFile(SharedData.PathOf("quickdraw", "simplified_1000", "monkey.ndjson")).Count().ShouldBe(10);
        reader.Report.OverCapSkipped.ShouldBe(990);
    }

    [RealDataFact]
    public void TheSameFileReadTwiceIsDeduplicatedOnKeyId()
    {
        string path = SharedData.PathOf("quickdraw", "simplified_1000", "monkey.ndjson");
        var reader = new QuickDrawNdjsonReader();
        reader.ReadFiles([path, path]).Count().ShouldBe(1000);
        reader.Report.DuplicatesSkipped.ShouldBe(1000);

        var noDedupe = new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false });
        noDedupe.ReadFiles([path, path]).Count().ShouldBe(2000);
    }

    [Fact]
    public void PositionalSplitTakesTheFirst80ForTrainingAndTheLast20ForTest()
    {
        var policy = new PositionalSplitPolicy(80, 0, 20);
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxPerClass = policy.TotalCount });
        List<SplitAssignment<Drawing>> all = policy.Apply(reader.ReadFiles(Classes.Select(Simplified100))).ToList();

        all.Count.ShouldBe(600);
        foreach (string c in Classes)
        {
            all.Count(a => a.Item.Word == c && a.Split == DataSplit.Train).ShouldBe(80);
            all.Count(a => a.Item.Word == c && a.Split == DataSplit.Test).ShouldBe(20);
        }

        List<SplitAssignment<Drawing>> apples = all.Where(a => a.Item.Word == "apple").ToList();
        apples[79].Item.KeyId.ShouldBe(6484481147928576UL);
        apples[79].Split.ShouldBe(DataSplit.Train);
        apples[80].Item.KeyId.ShouldBe(4519387648229376UL);
        apples[80].Split.ShouldBe(DataSplit.Test);
        apples[80].IndexInClass.ShouldBe(80);
        apples[99].Item.KeyId.ShouldBe(5939070196776960UL);
    }

    [Fact]
    public void ReadsRawStrokesWithRealCoordinatesAndIntegerTimes()
    {
        const string line = "{\"word\":\"cat\",\"countrycode\":\"VE\",\"timestamp\":\"2017-03-02 23:25:10.07453 UTC\",\"recognized\":true,\"key_id\":\"5201136883597312\",\"drawing\":[[[10.5,-3,7.25],[1,2.5e1,3],[0,16,33]],[[100,101],[50.125,49],[250,266]]]}";
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Raw, BadRecords = BadRecordPolicy.Throw });
        Drawing d = reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(line + "\r\n")), "raw.ndjson").Single();

        d.Word.ShouldBe("cat");
        d.CountryCode.ShouldBe("VE");
        d.KeyId.ShouldBe(5201136883597312UL);
        d.Recognized.ShouldBeTrue();
        d.Strokes.Count.ShouldBe(2);
        d.Strokes[0].X.ShouldBe([10.5f, -3f, 7.25f]);
        d.Strokes[0].Y.ShouldBe([1f, 25f, 3f]);
        d.Strokes[0].T.ShouldBe([0, 16, 33]);
        d.Strokes[1].Y.ShouldBe([50.125f, 49f]);
        d.Strokes[1].T.ShouldBe([250, 266]);
    }

    [Fact]
    public void RawFormatRejectsAFractionalTimeAndAMissingTimeArray()
    {
        string[] lines =
        [
            Line("1", "[[[1,2],[3,4],[0,1.5]]]"),
            Line("2", "[[[1,2],[3,4]]]"),
            Line("3", "[[[1,2],[3,4],[0,-5]]]"),
        ];
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Raw });
        reader.Read(Stream(lines), "raw.ndjson").Count().ShouldBe(0);

        reader.Report.BadRecordCounts[BadRecordKind.WrongType].ShouldBe(1);
        reader.Report.BadRecordCounts[BadRecordKind.InconsistentStroke].ShouldBe(1);
        reader.Report.BadRecordCounts[BadRecordKind.OutOfRange].ShouldBe(1);
    }

    [Fact]
    public void LenientModeSkipsCountsAndReportsEveryBadLineWithItsNumber()
    {
        string[] lines =
        [
            Line("1", "[[[0,10],[0,10]]]"),                                     // 1 good
            "{\"word\":\"cat\",\"countrycode\":\"VE\",\"timesta",               // 2 truncated
            Line("3", "[[[0,10],[0,10]]]").Replace("\"key_id\":\"3\"", "\"key_id\":3", StringComparison.Ordinal), // 3 key_id number
            Line("4", "[]"),                                                    // 4 empty drawing
            Line("5", "[[[0,300],[0,10]]]"),                                    // 5 out of range
            Line("6", "[[[0,10,20],[0,10]]]"),                                  // 6 x/y mismatch
            Line("7", "[[[0,10],[0,10]]]").Replace("\"word\":\"cat\",", string.Empty, StringComparison.Ordinal), // 7 missing word
            "not json at all",                                                  // 8 malformed
            string.Empty,                                                       // 9 blank: not a record
            Line("10", "[[[1],[2]]]"),                                          // 10 good
            Line("11", "[[[0,1.5],[0,10]]]"),                                   // 11 fractional simplified
            Line("12", "[[]]"),                                                 // 12 stroke without arrays
        ];
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Simplified, MaxReportExamples = 3 });
        List<Drawing> good = reader.Read(Stream(lines), "bad.ndjson").ToList();

        good.Select(d => d.KeyId).ShouldBe([1UL, 10UL]);
        DataReadReport report = reader.Report;
        report.Accepted.ShouldBe(2);
        report.BlankLinesSkipped.ShouldBe(1);
        report.BadRecords.ShouldBe(9);
        report.BadRecordCounts[BadRecordKind.Truncated].ShouldBe(1);
        report.BadRecordCounts[BadRecordKind.WrongType].ShouldBe(2);
        report.BadRecordCounts[BadRecordKind.EmptyDrawing].ShouldBe(1);
        report.BadRecordCounts[BadRecordKind.OutOfRange].ShouldBe(1);
        report.BadRecordCounts[BadRecordKind.InconsistentStroke].ShouldBe(2);
        report.BadRecordCounts[BadRecordKind.MissingField].ShouldBe(1);
        report.BadRecordCounts[BadRecordKind.Malformed].ShouldBe(1);
        report.Examples.Count.ShouldBe(3);
        report.Examples.Select(e => e.Index).ShouldBe([2L, 3L, 4L]);
        report.Examples.ShouldAllBe(e => e.Source == "bad.ndjson" && e.Unit == "line");
        report.Examples[1].Reason.ShouldContain("key_id");
        report.ToString().ShouldContain("bad.ndjson line 2: Truncated");
    }

    [Fact]
    public void StrictModeThrowsAtTheFirstBadLineWithFileLineAndReason()
    {
        string[] lines = [Line("1", "[[[0,10],[0,10]]]"), Line("2", "[[[0,10],[0,10]]]"), Line("3", "[[[0,256],[0,10]]]"), "garbage"];
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Simplified, BadRecords = BadRecordPolicy.Throw });
        var seen = new List<ulong>();

        DataFormatException ex = Should.Throw<DataFormatException>(() =>
        {
            foreach (Drawing d in reader.Read(Stream(lines), "strict.ndjson"))
            {
                seen.Add(d.KeyId);
            }
        });

        seen.ShouldBe([1UL, 2UL]);
        ex.Record.Index.ShouldBe(3);
        ex.Record.Kind.ShouldBe(BadRecordKind.OutOfRange);
        ex.Message.ShouldStartWith("strict.ndjson line 3: OutOfRange:");
        ex.Message.ShouldContain("256");
    }

    [Fact]
    public void AnOverlongLineIsReportedWithoutBeingBuffered()
    {
        string longLine = Line("2", "[[[" + string.Join(",", Enumerable.Repeat("1", 2000)) + "],[" + string.Join(",", Enumerable.Repeat("1", 2000)) + "]]]");
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxLineBytes = 1024 });
        List<Drawing> read = reader.Read(Stream([Line("1", "[[[1],[1]]]"), longLine, Line("3", "[[[1],[1]]]")]), "long.ndjson").ToList();

        read.Select(d => d.KeyId).ShouldBe([1UL, 3UL]);
        reader.Report.Examples.Single().Index.ShouldBe(2);
        reader.Report.Examples.Single().Kind.ShouldBe(BadRecordKind.Malformed);
    }

    [Theory]
    [InlineData("2017-03-02 23:25:10 UTC", 0L)]
    [InlineData("2017-03-02 23:25:10.5 UTC", 5_000_000L)]
    [InlineData("2017-03-02 23:25:10.0745312 UTC", 745_312L)]
    public void TimestampsWithAnyFractionParseToUtc(string text, long fractionTicks)
    {
        string line = Line("1", "[[[1],[1]]]").Replace("2017-03-02 23:25:10.07453 UTC", text, StringComparison.Ordinal);
        Drawing d = new QuickDrawNdjsonReader(new QuickDrawReadOptions { BadRecords = BadRecordPolicy.Throw }).Read(Stream([line]), "t.ndjson").Single();
        d.Timestamp.ShouldBe(new DateTimeOffset(2017, 3, 2, 23, 25, 10, TimeSpan.Zero).AddTicks(fractionTicks));
        d.Timestamp.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("2017-02-30 23:25:10 UTC")]
    [InlineData("yesterday")]
    [InlineData("2017-03-02T23:25:10Z")]
    public void AnInvalidTimestampIsAWrongTypeRecord(string text)
    {
        string line = Line("1", "[[[1],[1]]]").Replace("2017-03-02 23:25:10.07453 UTC", text, StringComparison.Ordinal);
        var reader = new QuickDrawNdjsonReader();
        reader.Read(Stream([line]), "t.ndjson").ShouldBeEmpty();
        reader.Report.Examples.Single().Kind.ShouldBe(BadRecordKind.WrongType);
        reader.Report.Examples.Single().Reason.ShouldContain(text);
    }

    [Fact]
    public void HashSplitUsesSplitMix64OfTheKeyAndSeedWithKnownAnswers()
    {
        // Published SplitMix64 outputs (Vigna's reference generator): from state 1234567 it returns 6457827717110365317,
        // then 3203168211198807973; from state 0, 0xE220A8397B1DCDAF. UnitHash(k, s) is the output from state k ^ s,
        // scaled by its top 53 bits into [0, 1), so the split of a key never depends on the process or the platform.
        const double unit = 1.0 / (1UL << 53);
        HashSplitPolicy.UnitHash(1234567, 0).ShouldBe((6457827717110365317UL >> 11) * unit);
        HashSplitPolicy.UnitHash(1234567 + 0x9E3779B97F4A7C15UL, 0).ShouldBe((3203168211198807973UL >> 11) * unit);
        HashSplitPolicy.UnitHash(0, 0).ShouldBe((0xE220A8397B1DCDAFUL >> 11) * unit);
        HashSplitPolicy.UnitHash(1234567 ^ 99, 99).ShouldBe(HashSplitPolicy.UnitHash(1234567, 0));

        // Key 1234567 hashes to 0.35008 with seed 0: test below it, then validation, then training.
        new HashSplitPolicy(0, 0.36, seed: 0).Assign(1234567, 0).ShouldBe(DataSplit.Test);
        new HashSplitPolicy(0.06, 0.3, seed: 0).Assign(1234567, 0).ShouldBe(DataSplit.Validation);
        new HashSplitPolicy(0.05, 0.3, seed: 0).Assign(1234567, 0).ShouldBe(DataSplit.Train);
        new HashSplitPolicy(0, 0.35, seed: 0).Assign(1234567, 0).ShouldBe(DataSplit.Train);
    }

    [Fact]
    public void HashSplitIsRoughlyProportionalAndTheSeedMovesKeys()
    {
        var policy = new HashSplitPolicy(0.1, 0.2, seed: 7);
        List<DataSplit> splits = Enumerable.Range(0, 10_000).Select(i => policy.Assign((ulong)i * 7919UL, 0)).ToList();
        splits.Count(s => s == DataSplit.Test).ShouldBeInRange(1800, 2200);
        splits.Count(s => s == DataSplit.Validation).ShouldBeInRange(850, 1150);
        splits.Select((s, i) => new HashSplitPolicy(0.1, 0.2, seed: 8).Assign((ulong)i * 7919UL, 0) != s).Count(moved => moved).ShouldBeGreaterThan(3000);
        // The position in the class plays no part.
        Enumerable.Range(0, 100).Select(i => policy.Assign(42, i)).Distinct().ShouldHaveSingleItem();
    }

    internal static string Line(string keyId, string drawing) =>
        $"{{\"word\":\"cat\",\"countrycode\":\"VE\",\"timestamp\":\"2017-03-02 23:25:10.07453 UTC\",\"recognized\":true,\"key_id\":\"{keyId}\",\"drawing\":{drawing}}}";

    private static MemoryStream Stream(IEnumerable<string> lines) =>
        new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
}
