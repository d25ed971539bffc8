using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Book;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// <c>forecast book</c>: Hands-On ML chapter 15's protocol checked against the chapter (the naive figure, window counts,
/// first target dates, the values in the windows), its models against Keras' parameter counts and initialisers, a
/// short run of every kind of row end to end, and the one-line errors. They run alone, after the parallel tests: they
/// seed torch's process-wide generator, and their training would otherwise slow the timed example runs beside them.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class ForecastingBookTests : IDisposable
{
    private static readonly Lazy<BookData> Data = new(() => BookData.Load(Csv));

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-book-" + Guid.NewGuid().ToString("N"));

    private static string Csv => Fixtures.PathOf("ridership", "CTA_-_Ridership_-_Daily_Boarding_Totals.csv");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TheProtocolIsTheChapters()
    {
        BookData data = Data.Value;
        data.Table.RowCount.ShouldBe(7_639);

        // diff_7 = df[["bus", "rail"]].diff(7)["2019-03":"2019-05"]; diff_7.abs().mean() → rail 42,143.271739, bus 43,915.608696.
        BookBaselines.Naive(data).Mae.ShouldBe(42_143.271739, 1e-5);
        data.NaiveMae("bus", BookProtocol.BaselineRange).ShouldBe(43_915.608696, 1e-5);

        // timeseries_dataset_from_array(split, targets=split[56:], sequence_length=56): len − 56 windows; with 14 days
        // ahead (sequence_length=70, or the seq2seq windows of 15 then of 56): len − 69.
        (BookTask Task, BookInputs Inputs, int Train, int Validation)[] expected =
        [
            (BookTask.NextDay, BookInputs.Rail, 1_040, 95),
            (BookTask.NextDay, BookInputs.BusRailNextDayType, 1_040, 95),
            (BookTask.NextDayBusAndRail, BookInputs.BusRailNextDayType, 1_040, 95),
            (BookTask.Next14Days, BookInputs.BusRailNextDayType, 1_027, 82),
            (BookTask.Next14DaysAtEveryStep, BookInputs.BusRailNextDayType, 1_027, 82),
        ];
        foreach ((BookTask task, BookInputs inputs, int trainCount, int validationCount) in expected)
        {
            BookWindows train = data.Windows(inputs, task, BookProtocol.TrainRange);
            BookWindows validation = data.Windows(inputs, task, BookProtocol.ValidationRange);
            train.Count.ShouldBe(trainCount, task.ToString());
            validation.Count.ShouldBe(validationCount, task.ToString());
            train.TargetDates[0].ShouldBe(new DateOnly(2016, 2, 26));
            validation.TargetDates[0].ShouldBe(new DateOnly(2019, 2, 26));
            train.LastTargetDate.ShouldBe(new DateOnly(2018, 12, 31));
            validation.LastTargetDate.ShouldBe(new DateOnly(2019, 5, 31));
        }

        data.Windows(BookInputs.BusRailNextDayType, BookTask.Next14Days, BookProtocol.ValidationRange).TargetDates[^1].ShouldBe(new DateOnly(2019, 3, 11));
    }

    [Fact]
    public void EveryWindowHoldsTheDaysItShouldAndEveryTargetTheDayAfter()
    {
        BookData data = Data.Value;
        Dictionary<DateOnly, string[]> days = File.ReadLines(Csv).Skip(1).Select(l => l.Split(','))
            .GroupBy(f => DateOnly.ParseExact(f[0], "MM/dd/yyyy", CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.First());
        double Rail(DateOnly d) => double.Parse(days[d][3], CultureInfo.InvariantCulture) / 1e6;
        double Bus(DateOnly d) => double.Parse(days[d][2], CultureInfo.InvariantCulture) / 1e6;
        DateOnly start = BookProtocol.ValidationRange.From;

        BookWindows rail = data.Windows(BookInputs.Rail, BookTask.NextDay, BookProtocol.ValidationRange);
        foreach (int n in new[] { 0, 40, rail.Count - 1 })
        {
            rail.Inputs[n * 56].ShouldBe((float)Rail(start.AddDays(n)));
            rail.Inputs[(n * 56) + 55].ShouldBe((float)Rail(start.AddDays(n + 55)));
            rail.Targets[n].ShouldBe((float)Rail(start.AddDays(n + 56)));
        }

        // Multivariate rows: bus, rail, next day's type one-hot (A, U, W). 2019-01-01 (window 0, day 0) is a Tuesday
        // holiday followed by a weekday; 2019-01-05 is a Saturday followed by a Sunday.
        BookWindows multitask = data.Windows(BookInputs.BusRailNextDayType, BookTask.NextDayBusAndRail, BookProtocol.ValidationRange);
        multitask.Inputs.Take(5).ShouldBe(new[] { (float)Bus(start), (float)Rail(start), 0f, 0f, 1f });
        multitask.Inputs.Skip(3 * 5).Take(5).ShouldBe(new[] { (float)Bus(start.AddDays(3)), (float)Rail(start.AddDays(3)), 1f, 0f, 0f });
        multitask.Inputs.Skip(4 * 5).Take(5).Skip(2).ShouldBe(new[] { 0f, 1f, 0f });
        days[start.AddDays(4)][1].ShouldBe("A");
        multitask.Targets.Take(2).ShouldBe(new[] { (float)Bus(start.AddDays(56)), (float)Rail(start.AddDays(56)) });

        // 2019-05-31's next day is 2019-06-01, a Saturday, outside the split but known.
        BookWindows fourteen = data.Windows(BookInputs.BusRailNextDayType, BookTask.Next14Days, BookProtocol.ValidationRange);
        float[] lastRow = data.Features(BookInputs.BusRailNextDayType, BookProtocol.ValidationRange)[^5..];
        lastRow[2..].ShouldBe(new[] { 1f, 0f, 0f });
        for (int h = 0; h < 14; h++)
        {
            fourteen.Targets[(10 * 14) + h].ShouldBe((float)Rail(start.AddDays(10 + 56 + h)));
        }

        // Aligned seq2seq: step t of window n forecasts days n+t+1 .. n+t+14; its last step the same days as seq2vec.
        BookWindows seq2seq = data.Windows(BookInputs.BusRailNextDayType, BookTask.Next14DaysAtEveryStep, BookProtocol.ValidationRange);
        seq2seq.TargetShape.ShouldBe([82L, 56L, 14L]);
        foreach ((int n, int t, int h) in new[] { (0, 0, 0), (5, 20, 13), (81, 55, 13) })
        {
            seq2seq.Targets[(((n * 56) + t) * 14) + h].ShouldBe((float)Rail(start.AddDays(n + t + 1 + h)));
        }

        seq2seq.Targets.AsSpan(((10 * 56) + 55) * 14, 14).ToArray().ShouldBe(fourteen.Targets.AsSpan(10 * 14, 14).ToArray());
    }

    [Fact]
    public void TheChaptersModelsHaveKerasParameterCountsAndInitialisers()
    {
        // model.summary() of the chapter's models: SimpleRNN(u) on f inputs has f·u + u·u + u parameters (one bias).
        var keras = new Dictionary<string, long>
        {
            ["linear"] = 57,
            ["rnn1"] = 3,
            ["rnn32"] = 1_121,
            ["deep-rnn"] = 3_202,
            ["multivariate"] = 1_249,
            ["multitask"] = 1_282,
            ["seq2vec-14"] = 1_678,
            ["seq2seq-14"] = 1_678,

            // Conv1D(32, kernel 2) on 5 inputs, seven Conv1D(32, kernel 2) on 32, Conv1D(14, kernel 1): one bias each.
            ["wavenet-14"] = ((5 * 32 * 2) + 32) + (7 * ((32 * 32 * 2) + 32)) + ((32 * 14) + 14),
        };
        BookCatalog.Trained.Where(r => r.IsChapterRow).Select(r => r.Key).ShouldBe(keras.Keys);
        foreach (BookRow row in BookCatalog.Trained.Where(r => r.IsChapterRow))
        {
            using var scope = torch.NewDisposeScope();
            torch.random.manual_seed(1);
            using nn.Module<Tensor, Tensor> model = row.Create();
            KerasInitialization.Apply(model);
            model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()).ShouldBe(keras[row.Key], row.Key);
            foreach ((string name, var p) in model.named_parameters())
            {
                if (name.Contains("bias", StringComparison.Ordinal))
                {
                    p.abs().max().item<float>().ShouldBe(0f, row.Key + " " + name);
                }
                else if (name.Contains("weight_hh", StringComparison.Ordinal))
                {
                    // Orthogonal: W Wᵀ = I.
                    using Tensor gram = p.matmul(p.t());
                    (gram - torch.eye(p.shape[0])).abs().max().item<float>().ShouldBeLessThan(1e-5f, row.Key + " " + name);
                }
                else
                {
                    // Glorot uniform: |w| ≤ √(6 / (fan_in + fan_out)).
                    long fanIn = p.shape[1] * (p.shape.Length > 2 ? p.shape[2] : 1);
                    long fanOut = p.shape[0] * (p.shape.Length > 2 ? p.shape[2] : 1);
                    p.abs().max().item<float>().ShouldBeLessThanOrEqualTo((float)Math.Sqrt(6.0 / (fanIn + fanOut)) + 1e-6f, row.Key + " " + name);
                }
            }
        }
    }

    [Fact]
    public void ABookRunTrainsEveryKindOfRowAndWritesTheTable()
    {
        string[] keys = ["naive", "linear", "multitask", "seq2seq-14", "encoder-decoder-14"];
        var settings = new BookSettings(Csv, Seeds: [1, 2], Rows: keys, MaxEpochs: 2, Patience: 50, folder);

        BookReport report = BookRun.Execute(settings, TextWriter.Null);

        report.Baselines.Single().Mae.ShouldBe(42_143.27, 0.01);
        report.Rows.Select(r => r.Row.Key).ShouldBe(keys.Skip(1));
        foreach (BookRowResult r in report.Rows)
        {
            r.Seeds.Select(s => s.Seed).ShouldBe([1, 2]);
            foreach (BookSeedResult s in r.Seeds)
            {
                s.Epochs.ShouldBe(2, r.Row.Key);
                s.History.Select(e => e.Epoch).ShouldBe([1, 2]);
                s.BestEpoch.ShouldBe(s.History.MinBy(e => e.ValidationMae)!.Epoch, r.Row.Key);
                s.History[^1].TrainLoss.ShouldBeLessThan(s.History[0].TrainLoss, r.Row.Key);
                s.Score.Mae.ShouldBeGreaterThan(1_000);
                s.Score.Mae.ShouldBeLessThan(1_000_000);
                if (r.Row.Metric != BookMetric.LastStep && r.Row.Task != BookTask.NextDayBusAndRail)
                {
                    // The restored weights score what Keras' val_mae said at their epoch.
                    s.Score.Mae.ShouldBe(s.History.Min(e => e.ValidationMae), 1.0, r.Row.Key);
                }
            }

            r.Seeds[0].Score.Mae.ShouldNotBe(r.Seeds[1].Score.Mae, r.Row.Key);
        }

        BookRowResult multitask = report.Rows.Single(r => r.Row.Key == "multitask");
        multitask.Seeds[0].Score.Details.Keys.ShouldBe(["bus"]);
        BookRowResult seq2seq = report.Rows.Single(r => r.Row.Key == "seq2seq-14");
        seq2seq.Seeds[0].Score.Details.Keys.ShouldContain("last step");

        string table = File.ReadAllText(report.TableFile);
        table.ShouldBe(report.Markdown);
        table.ShouldContain("| naive (value 7 days earlier), 2019-03..05 | – | – | computed | 42,143 | **42,143** |");
        table.ShouldContain($"| linear model on the 56-day window | `BookLinear` | 57 | SGD 0.02 m 0.9, Huber | 37,866 | **{report.Rows[0].Mean.ToString("N0", CultureInfo.InvariantCulture)}** |");
        table.ShouldContain("Best of ours, 14 days:");
        File.ReadAllLines(report.SeedsFile).Length.ShouldBe(1 + 1 + (4 * 2));
        File.ReadAllLines(report.HistoryFile).Length.ShouldBe(1 + (4 * 2 * 2));
    }

    [Fact]
    public void ASeq2SeqRowIsScoredOnEveryStepOrOnItsLastStepAsItsMetricSays()
    {
        BookWindows windows = Data.Value.Windows(BookInputs.BusRailNextDayType, BookTask.Next14DaysAtEveryStep, BookProtocol.ValidationRange);

        // Off by 0.01 (10,000 riders) on every last step and by 0.03 elsewhere: 1/56 of the outputs are last steps.
        float[] predictions = windows.Targets.Select((t, i) => t + ((i / 14) % 56 == 55 ? 0.01f : 0.03f)).ToArray();
        BookRow chapter = BookCatalog.Trained.Single(r => r.Key == "seq2seq-14");
        BookRow ours = BookCatalog.Trained.Single(r => r.Key == "seq2seq-lstm-14");
        BookScore all = BookTrainer.Score(chapter, windows, predictions);
        BookScore last = BookTrainer.Score(ours, windows, predictions);

        all.Mae.ShouldBe(((55 * 30_000.0) + 10_000) / 56, 5);
        all.Details["last step"].ShouldBe(10_000, 5);
        last.Mae.ShouldBe(10_000, 5);
        last.Details["all steps"].ShouldBe(all.Mae, 1e-6);
        last.Details["last step, day 1"].ShouldBe(10_000, 5);
    }

    [Fact]
    public void EarlyStoppingEndsARunAfterThePatienceAndKeepsTheBestEpoch()
    {
        // The linear model's validation MAE rises now and then (measured: best epoch 76 of 126 with patience 50), so
        // with patience 1 the run stops long before 60 epochs.
        var settings = new BookSettings(Csv, Seeds: [3], Rows: ["linear"], MaxEpochs: 60, Patience: 1, folder);

        BookSeedResult run = BookRun.Execute(settings, TextWriter.Null).Rows.Single().Seeds.Single();

        run.StoppedEarly.ShouldBeTrue();
        run.Epochs.ShouldBe(run.BestEpoch + 1);
        run.Epochs.ShouldBeLessThan(60);
        run.Score.Mae.ShouldBe(run.History.Min(e => e.ValidationMae), 1.0);
    }

    [Fact]
    public void BadOptionsGiveOneLineNamingTheOption()
    {
        Command book = BookCommand.Create();
        string Error(params string[] args) =>
            Should.Throw<UserError>(() => book.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false })).Message;

        Error("--seeds", "1,x").ShouldContain("--seeds: 'x' is not an integer");
        Error("--seeds", "2,2").ShouldContain("seed 2 is given twice");
        Error("--seeds", ",").ShouldContain("--seeds is empty");
        Error("--patience", "0").ShouldContain("--patience");
        string rows = Error("--rows", "rnn32,lstm2");
        rows.ShouldContain("'lstm2'");
        rows.ShouldContain(string.Join(", ", BookCatalog.Keys));
        string missing = Error("--data", Path.Combine(folder, "nowhere"));
        missing.ShouldContain("nowhere");
        missing.ShouldContain("--data");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.md"), "an earlier run");
        string earlier = Error("--out", folder, "--rows", "naive");
        earlier.ShouldContain("--force");
        File.ReadAllText(Path.Combine(folder, "results.md")).ShouldBe("an earlier run");
        string file = Path.Combine(folder, "results.md");
        Error("--out", file).ShouldContain("is a file");
        foreach (string message in new[] { rows, missing, earlier })
        {
            message.ShouldNotContain("\n");
        }

        book.Parse(["--out", folder, "--rows", "naive", "--force", "--data", Csv]).Invoke().ShouldBe(0);
        File.ReadAllText(Path.Combine(folder, "results.md")).ShouldContain("| 42,143 | **42,143** |");
    }

    [Fact]
    public void AFileThatMissesDaysOfTheProtocolIsRefusedWithTheDays()
    {
        Directory.CreateDirectory(folder);
        string shortFile = Path.Combine(folder, "short.csv");
        File.WriteAllText(shortFile, "service_date,day_type,bus,rail_boardings,total_rides\n01/01/2019,U,1,2,3\n01/02/2019,W,1,2,3\n");

        UserError error = Should.Throw<UserError>(() => BookData.Load(shortFile));

        error.Message.ShouldContain("short.csv");
        error.Message.ShouldContain("2019-01-01..2019-01-02");
        error.Message.ShouldContain("every day from 2016-01-01 to 2019-06-01");
    }
}
