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
/// Edge cases of the ndjson parser at their exact boundaries: country codes read back one by one through the
/// reader's cache, and the numeric limits of simplified and raw coordinates and of raw times, each just inside and
/// just outside.
/// </summary>
public sealed class NdjsonEdgeCaseTests
{
    [Fact]
    public void EveryCountryReadsBackAsItselfThroughOneReader()
    {
        // Pairs that share a first or a second letter: a cache keyed on one letter, or on the letters' bits
        // combined any other way than as a pair, returns an earlier line's country.
        string[] countries = ["VE", "US", "VE", "AE", "VA", "GB", "BG", "US", "ZZ", "AA"];
        string[] lines = countries.Select((c, i) => WithCountry(Line(i + 1, "[[[1],[1]]]"), c)).ToArray();
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { BadRecords = BadRecordPolicy.Throw });

        reader.Read(Stream(lines), "c.ndjson").Select(d => d.CountryCode).ShouldBe(countries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("X")]
    [InlineData("USA")]
    [InlineData("\\u00e9s")]
    public void CountryCodesOfOtherLengthsAreKeptAsWritten(string code)
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { BadRecords = BadRecordPolicy.Throw });
        string[] lines = [WithCountry(Line(1, "[[[1],[1]]]"), "US"), WithCountry(Line(2, "[[[1],[1]]]"), code)];
        string expected = code == "\\u00e9s" ? "és" : code;
        reader.Read(Stream(lines), "c.ndjson").Select(d => d.CountryCode).ShouldBe(["US", expected]);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("255", true)]
    [InlineData("-1", false)]
    [InlineData("256", false)]
    [InlineData("2147483648", false)]
    public void SimplifiedCoordinatesAreWholeNumbersFrom0To255(string x, bool accepted)
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Simplified });
        List<Drawing> read = reader.Read(Stream([Line(1, $"[[[{x}],[7]]]")]), "s.ndjson").ToList();

        read.Count.ShouldBe(accepted ? 1 : 0);
        if (accepted)
        {
            read[0].Strokes[0].X.ShouldBe([float.Parse(x, System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else
        {
            reader.Report.Examples.Single().Kind.ShouldBe(x == "2147483648" ? BadRecordKind.WrongType : BadRecordKind.OutOfRange);
        }
    }

    [Theory]
    [InlineData("1000000", true)]
    [InlineData("-1000000", true)]
    [InlineData("999999.75", true)]
    [InlineData("1000000.5", false)]
    [InlineData("-1000000.5", false)]
    [InlineData("1e39", false)]
    [InlineData("-1e300", false)]
    public void RawCoordinatesStayWithinTheConfiguredScreenRange(string x, bool accepted)
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Raw });
        List<Drawing> read = reader.Read(Stream([Line(1, $"[[[{x}],[5],[0]]]")]), "r.ndjson").ToList();

        read.Count.ShouldBe(accepted ? 1 : 0);
        if (accepted)
        {
            read[0].Strokes[0].X.ShouldBe([(float)double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else
        {
            BadRecord bad = reader.Report.Examples.Single();
            bad.Kind.ShouldBe(BadRecordKind.OutOfRange);
            bad.Reason.ShouldContain("x[0]");
        }
    }

    [Fact]
    public void ASmallerCoordinateLimitIsHonouredOnBothSides()
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Raw, MaxAbsCoordinate = 100 });
        string[] lines = [Line(1, "[[[100],[-100],[0]]]"), Line(2, "[[[1],[100.5],[0]]]"), Line(3, "[[[-100.5],[1],[0]]]")];
        reader.Read(Stream(lines), "r.ndjson").Select(d => d.KeyId).ShouldBe([1UL]);
        reader.Report.Examples.Select(e => (e.Index, e.Kind)).ShouldBe([(2L, BadRecordKind.OutOfRange), (3L, BadRecordKind.OutOfRange)]);
        reader.Report.Examples[0].Reason.ShouldBe("stroke 0: y[0] = 100.5 is outside ±100 (screen pixels)");
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("2147483647", true)]
    [InlineData("2147483648", false)]
    [InlineData("-1", false)]
    [InlineData("9223372036854775807", false)]
    public void RawTimesAreMillisecondsFrom0ToInt32Max(string t, bool accepted)
    {
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { StrokeFormat = QuickDrawStrokeFormat.Raw });
        List<Drawing> read = reader.Read(Stream([Line(1, $"[[[1,2],[3,4],[0,{t}]]]")]), "t.ndjson").ToList();

        read.Count.ShouldBe(accepted ? 1 : 0);
        if (accepted)
        {
            read[0].Strokes[0].T.ShouldBe([0, int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else
        {
            BadRecord bad = reader.Report.Examples.Single();
            bad.Kind.ShouldBe(BadRecordKind.OutOfRange);
            bad.Reason.ShouldBe($"stroke 0: t[1] = {t} is outside 0..2147483647");
        }
    }

    private static string Line(int keyId, string drawing) => QuickDrawNdjsonReaderTests.Line(keyId.ToString(System.Globalization.CultureInfo.InvariantCulture), drawing);

    private static string WithCountry(string line, string code) =>
        line.Replace("\"countrycode\":\"VE\"", "\"countrycode\":\"" + code + "\"", StringComparison.Ordinal);

    private static MemoryStream Stream(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
}
