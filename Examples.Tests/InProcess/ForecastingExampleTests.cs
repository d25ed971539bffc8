using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Commands;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Examples.Forecasting.Reporting;
using QuickDrawDsl.Examples.Forecasting.Training;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.TimeSeries;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// The forecasting example on the real CTA series: baselines against numbers computed here by hand, window/target
/// alignment, every model training a few epochs end to end, and the one-line errors.
/// </summary>
public sealed class ForecastingExampleTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-forecast-" + Guid.NewGuid().ToString("N"));

    private static string Csv => Fixtures.PathOf("ridership", "CTA_-_Ridership_-_Daily_Boarding_Totals.csv");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BaselinesOnTheFixedSplitMatchAStraightforwardLoop()
    {
        Dictionary<DateOnly, Day> days = ReadByHand(Csv);
        ForecastData data = ForecastData.Load(Csv, ForecastTarget.Rail, multivariate: false, window: 56);
        data.Table.RowCount.ShouldBe(days.Count);
        data.Source.DuplicateRowsDropped.ShouldBe(62);

        foreach (DateRange range in new[] { ForecastData.ValidationRange, ForecastData.TestRange })
        {
            // The naive seasonal and 4-week forecasts of every day of the range, straight from the file.
            double naive = 0, mean4 = 0;
            int count = 0;
            for (DateOnly d = range.From; d <= range.To; d = d.AddDays(1))
            {
                double y = days[d].Rail;
                naive += Math.Abs(y - days[d.AddDays(-7)].Rail);
                mean4 += Math.Abs(y - (Enumerable.Range(1, 4).Sum(w => days[d.AddDays(-7 * w)].Rail) / 4));
                count++;
            }

            naive /= count;
            mean4 /= count;
            EvaluationWindows windows = data.EvaluationWindowsFor(range);
            HorizonErrors naiveErrors = HorizonErrors.Score(windows, SeasonalBaselines.NaiveSeasonal(windows));
            HorizonErrors meanErrors = HorizonErrors.Score(windows, SeasonalBaselines.MeanOfSameWeekdays(windows, 4));

            // Every horizon is scored on every day of the range, so the naive forecast has the same MAE at each.
            naiveErrors.Counts.ShouldAllBe(c => c == count);
            naiveErrors.PerHorizon.ShouldAllBe(v => Math.Abs(v - naive) < 1e-6);
            meanErrors.PerHorizon.ShouldAllBe(v => Math.Abs(v - mean4) < 1e-6);
            ForecastBaselines.NaiveLagMae(data.Table, "rail", 7, range).ShouldBe(naive, 1e-6);
        }

        // Hands-On ML's figure for the naive lag-7 rail forecast over 2019-03..05.
        ForecastBaselines.NaiveLagMae(data.Table, "rail", 7, DateRange.Parse("2019-03-01", "2019-05-31")).ShouldBe(42_143.27, 0.01);
    }

    [Fact]
    public void EachTargetIsTheActualValueHDaysAfterTheLastInputDay()
    {
        Dictionary<DateOnly, Day> days = ReadByHand(Csv);
        ForecastData data = ForecastData.Load(Csv, ForecastTarget.Rail, multivariate: true, window: 56);
        data.FeatureNames.ShouldBe(["rail", "bus", "saturday_in_7_days", "sunday_or_holiday_in_7_days"]);
        EvaluationWindows validation = data.EvaluationWindowsFor(ForecastData.ValidationRange);

        // Origins 2018-12-25 .. 2019-05-30: the first window's inputs lie in the training period.
        validation.Count.ShouldBe(151 + 6);
        data.Table.Dates[validation.Origins[0]].ShouldBe(new DateOnly(2018, 12, 25));
        data.Table.Dates[validation.Origins[0] - 55].ShouldBe(new DateOnly(2018, 10, 31));
        data.Table.Dates[validation.Origins[^1]].ShouldBe(new DateOnly(2019, 5, 30));
        WindowedSeries w = validation.Windows;
        for (int n = 0; n < validation.Count; n++)
        {
            DateOnly origin = data.Table.Dates[validation.Origins[n]];
            int last = ((n * 56) + 55) * 4;
            (w.Inputs[last] * 1e6).ShouldBe(days[origin].Rail, 0.5);
            (w.Inputs[last + 1] * 1e6).ShouldBe(days[origin].Bus, 0.5);
            w.Inputs[last + 3].ShouldBe(days[origin.AddDays(7)].Type == 'U' ? 1f : 0f);
            for (int h = 1; h <= 7; h++)
            {
                (w.Targets[(n * 7) + h - 1] * 1e6).ShouldBe(days[origin.AddDays(h)].Rail, 0.5);
                validation.ActualAt(n, h).ShouldBe(days[origin.AddDays(h)].Rail);
                validation.IsScored(n, h).ShouldBe(ForecastData.ValidationRange.Contains(origin.AddDays(h)));
            }
        }

        // 2019-01-01 is a holiday (U, a Tuesday): the input day a week before (window 0's last day) carries the flag.
        w.Inputs[(55 * 4) + 3].ShouldBe(1f);
        w.Inputs[(54 * 4) + 3].ShouldBe(0f);

        // Aligned seq2seq training windows: the target of step t at horizon h is the value h days after input day t.
        WindowedSeries train = data.TrainingWindows(WindowLayout.SequenceToSequence);
        train.Count.ShouldBe(1096 - 56 - 7 + 1);
        DateOnly first = ForecastData.TrainRange.From;
        foreach (int n in new[] { 0, 500, train.Count - 1 })
        {
            foreach (int t in new[] { 0, 30, 55 })
            {
                DateOnly inputDay = first.AddDays(n + t);
                (train.Inputs[((n * 56) + t) * 4] * 1e6).ShouldBe(days[inputDay].Rail, 0.5);
                for (int h = 1; h <= 7; h++)
                {
                    (train.Targets[(((n * 56) + t) * 7) + h - 1] * 1e6).ShouldBe(days[inputDay.AddDays(h)].Rail, 0.5);
                }
            }
        }

        first.AddDays(train.Count - 1 + 55 + 7).ShouldBe(ForecastData.TrainRange.To);
    }

    [Fact]
    public void EveryModelsBatchTargetsHaveTheShapeOfItsOutput()
    {
        foreach (bool multivariate in new[] { false, true })
        {
            ForecastData data = ForecastData.Load(Csv, ForecastTarget.Bus, multivariate, window: 28);
            foreach (ForecastModelSpec spec in ModelCatalog.All)
            {
                WindowLayout layout = spec.Architecture == ForecastArchitecture.AlignedSequenceToSequence ? WindowLayout.SequenceToSequence : WindowLayout.SequenceToVector;
                WindowedSeries windows = data.TrainingWindows(layout);
                using var scope = torch.NewDisposeScope();
                using nn.Module<Tensor, Tensor> model = spec.Create(multivariate);
                Batch batch = ForecastModelTrainer.Collate(windows, [0, 1, 2, 3, 4], spec.Architecture);
                batch.Inputs.shape.ShouldBe([5L, 28L, multivariate ? 4L : 1L]);
                model.call(batch.Inputs).shape.ShouldBe(batch.Targets.shape, spec.Key);
                if (model is ITeacherForcedModel teacherForced)
                {
                    teacherForced.forward(batch.Inputs, batch.Targets).shape.ShouldBe(batch.Targets.shape);
                }

                ForecastModelTrainer.Predict(model, spec.Architecture, data.EvaluationWindowsFor(ForecastData.ValidationRange).Windows).GetLength(1).ShouldBe(7);
            }
        }
    }

    [Fact]
    public void EveryModelTrainsWithFallingLossAndTheTableAndPlotsAreWritten()
    {
        ForecastReport report = ForecastRun.Execute(Settings(epochs: 3, multivariate: false, teacherForcing: false), TextWriter.Null);

        report.Models.Select(m => m.Spec.Key).ShouldBe(ModelCatalog.All.Select(m => m.Key));
        foreach (ModelResult m in report.Models)
        {
            m.History.Count.ShouldBe(3);
            m.History[^1].TrainLoss.ShouldBeLessThan(m.History[0].TrainLoss, m.Spec.Key);
            m.BestEpoch.ShouldBe(m.History.MinBy(r => r.ValidationMae)!.Epoch);
            m.Validation.Mean.ShouldBe(m.History.Min(r => r.ValidationMae), 1e-6);
            (m.ValidationForecasts.GetLength(0), m.ValidationForecasts.GetLength(1)).ShouldBe((157, 7));
            (m.TestForecasts.GetLength(0), m.TestForecasts.GetLength(1)).ShouldBe((220, 7));
            m.Validation.Counts.ShouldAllBe(c => c == 151);
            m.Test.Counts.ShouldAllBe(c => c == 214);
            m.Parameters.ShouldBeGreaterThan(1000);
        }

        string table = File.ReadAllText(report.TableFile);
        table.ShouldBe(report.Markdown);
        table.ShouldContain("| naive seasonal (value 7 days earlier) | – | – | " + report.NaiveValidation.PerHorizon[0].ToString("N0", CultureInfo.InvariantCulture));
        foreach (ModelResult m in report.Models)
        {
            table.ShouldContain($"| {m.Spec.Label} | {m.Parameters.ToString("N0", CultureInfo.InvariantCulture)} | {m.BestEpoch} |");

            // Three epochs are far too few to beat the naive forecast; the table must say so, and why.
            bool beats = m.Validation.Mean < report.NaiveValidation.Mean;
            table.Contains($"Note: {m.Spec.Label} does not beat the naive seasonal baseline on validation", StringComparison.Ordinal).ShouldBe(!beats, m.Spec.Key);
        }

        foreach (string png in new[] { report.ValidationPlotFile, report.TestPlotFile, report.CurvesFile })
        {
            byte[] bytes = File.ReadAllBytes(png);
            bytes.Length.ShouldBeGreaterThan(10_000);
            bytes.Take(4).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        }

        File.ReadAllLines(report.HistoryFile).Length.ShouldBe(1 + (ModelCatalog.All.Count * 3));
    }

    [Fact]
    public void MultivariateModelsTrainToo_AndTheConvModelBeatsTheNaiveBaselineWithinAFewEpochs()
    {
        ForecastReport report = ForecastRun.Execute(Settings(epochs: 2, multivariate: true, teacherForcing: true), TextWriter.Null);
        report.Models.Count.ShouldBe(ModelCatalog.All.Count);
        report.Models.ShouldAllBe(m => m.History[1].TrainLoss < m.History[0].TrainLoss);

        ForecastReport conv = ForecastRun.Execute(Settings(epochs: 10, multivariate: true, teacherForcing: false) with { Models = ["conv-seq2vec"] }, TextWriter.Null);
        conv.Models.Single().Validation.Mean.ShouldBeLessThan(conv.NaiveValidation.Mean * 0.9);
    }

    [Fact]
    public void AMissingDataFolderGivesOneLineThatSaysHowToGetTheFile()
    {
        string missing = Path.Combine(folder, "no-such-folder");
        Command root = CompareCommand.Create();

        UserError error = Should.Throw<UserError>(() => root.Parse(["--data", missing]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));

        error.Message.ShouldContain(missing);
        error.Message.ShouldContain(DataLocator.FileName);
        error.Message.ShouldContain("--data");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void ABadOrShortFileNamesTheFileAndTheProblem()
    {
        Directory.CreateDirectory(folder);
        string bad = Path.Combine(folder, "bad.csv");
        File.WriteAllText(bad, "date,bus,rail\n01/01/2019,1,2\n");
        UserError header = Should.Throw<UserError>(() => ForecastData.Load(bad, ForecastTarget.Rail, false, 56));
        header.Message.ShouldContain("bad.csv");
        header.Message.ShouldContain("service_date,day_type,bus,rail_boardings,total_rides");

        string shortFile = Path.Combine(folder, "short.csv");
        File.WriteAllText(shortFile, "service_date,day_type,bus,rail_boardings,total_rides\n01/01/2019,U,1,2,3\n01/02/2019,W,1,2,3\n");
        UserError coverage = Should.Throw<UserError>(() => ForecastData.Load(shortFile, ForecastTarget.Rail, false, 56));
        coverage.Message.ShouldContain("2019-01-01..2019-01-02");
        coverage.Message.ShouldContain("every day from 2016-01-01 to 2020-01-06");
    }

    private ForecastSettings Settings(int epochs, bool multivariate, bool teacherForcing) =>
        new(Csv, ForecastTarget.Rail, multivariate, epochs, Seed: 1, Window: 56, BatchSize: 32, LearningRate: 3e-3, teacherForcing, Models: null, folder);

    private static Dictionary<DateOnly, Day> ReadByHand(string path)
    {
        // service_date,day_type,bus,rail_boardings,total_rides; the duplicate rows are exact, so the last one wins harmlessly.
        var days = new Dictionary<DateOnly, Day>();
        foreach (string line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split(',');
            days[DateOnly.ParseExact(f[0], "MM/dd/yyyy", CultureInfo.InvariantCulture)] =
                new Day(f[1][0], double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
        }

        return days;
    }

    private sealed record Day(char Type, double Bus, double Rail);
}
