using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Tests.Data.QuickDraw;

namespace QuickDrawDsl.Runtime.Tests.Data.Diagnostics;

public sealed class DataReadReportTests
{
    [Fact]
    public void CountsStayCompleteWhenExamplesAreCapped()
    {
        string text = string.Join("\n", Enumerable.Range(1, 25).Select(i => i % 5 == 0 ? QuickDrawNdjsonReaderTests.Line(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "[[[1],[1]]]") : "{broken"));
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxReportExamples = 2 });
        reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "many.ndjson").Count().ShouldBe(5);

        reader.Report.BadRecords.ShouldBe(20);
        reader.Report.Examples.Select(e => e.Index).ShouldBe([1L, 2L]);
        string summary = reader.Report.ToString();
        summary.ShouldStartWith("accepted 5, bad 20, duplicates 0, unrecognized 0, over cap 0, blank lines 0");
        summary.ShouldContain("many.ndjson line 1:");
    }

    [Fact]
    public void ABadRecordFormatsAsSourcePositionKindAndReason()
    {
        var record = new BadRecord("a b.ndjson", "line", 12, BadRecordKind.OutOfRange, "x[3] = 300 is outside 0..255");
        record.ToString().ShouldBe("a b.ndjson line 12: OutOfRange: x[3] = 300 is outside 0..255");
        new DataFormatException(record).Message.ShouldBe(record.ToString());
    }
}
