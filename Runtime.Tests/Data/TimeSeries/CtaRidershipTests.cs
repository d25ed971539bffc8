using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.TimeSeries;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.TimeSeries;

public sealed class CtaRidershipTests
{
    private static CtaRidership LoadReal() =>
        CtaRidership.Load(Fixtures.PathOf("ridership", "CTA_-_Ridership_-_Daily_Boarding_Totals.csv"), BadRecordPolicy.Throw);

    [Fact]
    public void CleaningLeaves7639ConsecutiveDaysAndReportsThe62Duplicates()
    {
        CtaRidership data = LoadReal();

        data.RawRowCount.ShouldBe(7701);
        data.DuplicateRowsDropped.ShouldBe(62);
        data.Report.DuplicatesSkipped.ShouldBe(62);
        data.Report.BadRecords.ShouldBe(0);
        data.Records.Count.ShouldBe(7639);
        data.Records[0].ShouldBe(new RidershipRecord(new DateOnly(2001, 1, 1), 'U', 297192, 126455, 423647));
        data.Records[^1].ShouldBe(new RidershipRecord(new DateOnly(2021, 11, 30), 'W', 450230, 302349, 752579));
        for (int i = 1; i < data.Records.Count; i++)
        {
            data.Records[i].Date.ShouldBe(data.Records[i - 1].Date.AddDays(1));
        }

        data.Records.Sum(r => r.Rail).ShouldBe(4_127_715_223L);
        data.Records.Sum(r => r.Bus).ShouldBe(5_746_384_458L);
    }

    [Fact]
    public void NaiveLag7ForecastMaeMatchesHandsOnMl()
    {
        TimeSeriesTable table = LoadReal().ToTable();
        DateRange spring2019 = DateRange.Parse("2019-03-01", "2019-05-31");

        ForecastBaselines.NaiveLagMae(table, "rail", 7, spring2019).ShouldBe(42_143.27, 0.005);
        ForecastBaselines.NaiveLagMae(table, "bus", 7, spring2019).ShouldBe(43_915.61, 0.005);
    }

    [Fact]
    public void DateRangeSplitOfTheBooksPeriods()
    {
        TimeSeriesTable table = LoadReal().ToTable();
        TimeSeriesSplit split = TimeSeriesSplit.ByDate(
            table,
            DateRange.Parse("2016-01-01", "2018-12-31"),
            DateRange.Parse("2019-01-01", "2019-05-31"),
            DateRange.Parse("2019-06-01", "2021-11-30"));

        split.Train.RowCount.ShouldBe(1096);
        split.Validation.RowCount.ShouldBe(151);
        split.Test.RowCount.ShouldBe(914);
        split.Validation.Dates[0].ShouldBe(new DateOnly(2019, 1, 1));
        split.Test.Dates[^1].ShouldBe(new DateOnly(2021, 11, 30));

        WindowedSeries windows = SeriesWindowing.Create(split.Train, ["rail"], "rail", window: 56, horizon: 7, WindowLayout.SequenceToVector, divisor: 1e6);
        windows.Count.ShouldBe(1096 - 56 - 7 + 1);
        windows.Inputs[0].ShouldBe((float)(split.Train.Column("rail")[0] / 1e6));
        windows.Targets[0].ShouldBe((float)(split.Train.Column("rail")[56] / 1e6));
    }

    [Fact]
    public void BadRowsAreCountedWithTheirLineNumbersOrThrownInStrictMode()
    {
        const string csv = """
            service_date,day_type,bus,rail_boardings,total_rides
            01/02/2001,W,780827,501952,1282779
            01/01/2001,U,297192,126455,423647
            2001-01-03,W,1,2,3
            01/04/2001,W,1,2
            01/05/2001,X,1,2,3
            01/06/2001,A,1,two,3
            01/07/2001,U,1,2,4
            01/02/2001,W,780827,501952,1282779
            01/02/2001,W,780827,501950,1282777
            """;
        CtaRidership data = CtaRidership.Load(new StringReader(csv), "small.csv");

        data.Records.Select(r => r.Date.Day).ShouldBe([1, 2]);
        data.RawRowCount.ShouldBe(9);
        data.DuplicateRowsDropped.ShouldBe(1);
        data.Report.BadRecordCounts[BadRecordKind.WrongType].ShouldBe(2);
        data.Report.BadRecordCounts[BadRecordKind.Malformed].ShouldBe(1);
        data.Report.BadRecordCounts[BadRecordKind.OutOfRange].ShouldBe(1);
        data.Report.BadRecordCounts[BadRecordKind.Conflict].ShouldBe(2);
        data.Report.Examples.Take(5).Select(e => e.Index).ShouldBe([4L, 5L, 6L, 7L, 8L]);

        DataFormatException ex = Should.Throw<DataFormatException>(() => CtaRidership.Load(new StringReader(csv), "small.csv", BadRecordPolicy.Throw));
        ex.Message.ShouldStartWith("small.csv line 4: WrongType:");
        ex.Message.ShouldContain("MM/DD/YYYY");
    }

    [Fact]
    public void AFileWithAnotherHeaderIsRefused()
    {
        DataFormatException ex = Should.Throw<DataFormatException>(() => CtaRidership.Load(new StringReader("date,value\n"), "other.csv"));
        ex.Message.ShouldContain("expected the header");
    }
}
