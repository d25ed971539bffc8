using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Examples.Forecasting.Book.Sarima;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary><c>forecast book</c>: the chapter's baselines and models on its own protocol, then ours, every trained row with every seed.</summary>
internal static class BookRun
{
    /// <summary>The table's file name in the run folder.</summary>
    public const string TableFileName = "results.md";

    public static BookReport Execute(BookSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> keys = BookCatalog.Select(settings.Rows);
        BookData data = BookData.Load(settings.DataFile);
        log.WriteLine(Invariant($"Loaded {settings.DataFile}: {data.Source.RawRowCount:N0} rows, {data.Source.DuplicateRowsDropped} exact duplicates dropped, {data.Table.RowCount:N0} days."));
        BookWindows train = data.Windows(BookInputs.Rail, BookTask.NextDay, BookProtocol.TrainRange);
        BookWindows validation = data.Windows(BookInputs.Rail, BookTask.NextDay, BookProtocol.ValidationRange);
        log.WriteLine(Invariant($"Next-day windows: {train.Count} training (targets {train.TargetDates[0]:yyyy-MM-dd}..{train.LastTargetDate:yyyy-MM-dd}), {validation.Count} validation (targets {validation.TargetDates[0]:yyyy-MM-dd}..{validation.LastTargetDate:yyyy-MM-dd})."));

        var baselines = new List<BookBaselineResult>();
        if (keys.Contains(BookCatalog.Naive))
        {
            baselines.Add(BookBaselines.Naive(data));
            log.WriteLine(Invariant($"naive: {baselines[^1].Mae:N2} (chapter {BookCatalog.ChapterNaiveMae:N0})"));
        }

        if (keys.Contains(BookCatalog.Sarima))
        {
            baselines.Add(BookBaselines.Sarima(data, out IReadOnlyList<SarimaFit> _));
            log.WriteLine(Invariant($"sarima: {baselines[^1].Mae:N2} (chapter {BookCatalog.ChapterSarimaMae:N0}), {baselines[^1].Seconds:0.0} s"));
        }

        var rows = new List<BookRowResult>();
        foreach (BookRow row in BookCatalog.Trained.Where(r => keys.Contains(r.Key)))
        {
            var seeds = new List<BookSeedResult>();
            foreach (int seed in settings.Seeds)
            {
                log.WriteLine($"Training {row.Key} ({row.Spec}), seed {seed}");
                BookSeedResult result = BookTrainer.Train(row, data, seed, settings, log);
                log.WriteLine(Invariant($"  {row.Key} seed {seed}: validation MAE {result.Score.Mae:N0} at epoch {result.BestEpoch} of {result.Epochs} ({result.Seconds:0.0} s)"));
                seeds.Add(result);
            }

            rows.Add(new BookRowResult(row, seeds));
        }

        string markdown = BookTable.Markdown(settings, baselines, rows);
        Directory.CreateDirectory(settings.OutputFolder);
        string tableFile = Path.Combine(settings.OutputFolder, TableFileName);
        string seedsFile = Path.Combine(settings.OutputFolder, "results.csv");
        string historyFile = Path.Combine(settings.OutputFolder, "epochs.csv");
        File.WriteAllText(tableFile, markdown);
        File.WriteAllText(seedsFile, SeedsCsv(baselines, rows));
        File.WriteAllText(historyFile, HistoryCsv(rows));
        return new BookReport(settings, baselines, rows, markdown, tableFile, seedsFile, historyFile, clock.Elapsed.TotalSeconds);
    }

    private static string SeedsCsv(IReadOnlyList<BookBaselineResult> baselines, IReadOnlyList<BookRowResult> rows)
    {
        var csv = new StringBuilder("row,seed,chapter_mae,mae,parameters,best_epoch,epochs,seconds\n");
        foreach (BookBaselineResult b in baselines)
        {
            csv.Append(Invariant($"{b.Key},,{b.ChapterMae:0},{b.Mae:0.###},,,,{b.Seconds:0.###}\n"));
        }

        foreach (BookRowResult r in rows)
        {
            foreach (BookSeedResult s in r.Seeds)
            {
                csv.Append(Invariant($"{r.Row.Key},{s.Seed},{r.Row.ChapterMae:0},{s.Score.Mae:0.###},{s.Parameters},{s.BestEpoch},{s.Epochs},{s.Seconds:0.###}\n"));
            }
        }

        return csv.ToString();
    }

    private static string HistoryCsv(IReadOnlyList<BookRowResult> rows)
    {
        var csv = new StringBuilder("row,seed,epoch,train_loss,validation_mae\n");
        foreach (BookRowResult r in rows)
        {
            foreach (BookSeedResult s in r.Seeds)
            {
                foreach (BookEpoch e in s.History)
                {
                    csv.Append(Invariant($"{r.Row.Key},{s.Seed},{e.Epoch},{e.TrainLoss:R},{e.ValidationMae:0.###}\n"));
                }
            }
        }

        return csv.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
