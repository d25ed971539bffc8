using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>The book table as markdown: the chapter's figure, ours over the seeds, and their ratio, row by row.</summary>
internal static class BookTable
{
    /// <summary>The chapter's best next-day model (multivariate SimpleRNN).</summary>
    public const double ChapterBestNextDay = 22_062;

    /// <summary>The chapter's best 14-day model (seq2vec SimpleRNN).</summary>
    public const double ChapterBestFourteenDays = 35_017;

    public static string Markdown(BookSettings settings, IReadOnlyList<BookBaselineResult> baselines, IReadOnlyList<BookRowResult> rows)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Hands-On ML ch. 15's protocol: rail validation MAE in riders. Train 2016-01..2018-12, validation windows wholly inside 2019-01..2019-05 (next-day targets 2019-02-26..2019-05-31), values ÷ 10⁶, {BookProtocol.Window}-day windows, batch {BookProtocol.BatchSize}, at most {settings.MaxEpochs} epochs, early stopping on validation MAE (patience {settings.Patience}, best weights restored); seeds {string.Join(", ", settings.Seeds)}."));
        text.AppendLine();
        text.AppendLine("| row | model (YAML) | params | recipe | chapter | **ours, mean** | min – max | std | ours / chapter | per seed | best epoch / run |");
        text.AppendLine("|---|---|---:|---|---:|---:|---:|---:|---:|---|---|");
        foreach (BookBaselineResult b in baselines)
        {
            text.AppendLine(Invariant($"| {b.Label} | – | – | computed | {b.ChapterMae:N0} | **{b.Mae:N0}** | – | – | {b.Mae / b.ChapterMae:0.000} | – | – |"));
        }

        foreach (BookRowResult r in rows)
        {
            string chapter = r.Row.ChapterMae is double c ? c.ToString("N0", CultureInfo.InvariantCulture) : "–";
            string ratio = r.Row.ChapterMae is double c2 ? (r.Mean / c2).ToString("0.000", CultureInfo.InvariantCulture) : Versus(r);
            string perSeed = string.Join(" / ", r.Seeds.Select(s => s.Score.Mae.ToString("N0", CultureInfo.InvariantCulture)));
            string epochs = string.Join(" / ", r.Seeds.Select(s => Invariant($"{s.BestEpoch}/{s.Epochs}")));
            text.AppendLine(Invariant($"| {r.Row.Label} | `{r.Row.Spec}` | {r.Seeds[0].Parameters:N0} | {r.Row.Recipe} | {chapter} | **{r.Mean:N0}** | {r.Min:N0} – {r.Max:N0} | {r.StandardDeviation:N0} | {ratio} | {perSeed} | {epochs} |"));
        }

        List<string> details = rows.Where(r => r.Seeds[0].Score.Details.Count > 0).Select(Details).ToList();
        if (details.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Other errors of the same forecasts (riders, mean over the seeds):");
            text.AppendLine();
            foreach (string line in details)
            {
                text.AppendLine(line);
            }
        }

        foreach (BookBaselineResult b in baselines.Where(b => b.Key == BookCatalog.Sarima))
        {
            text.AppendLine();
            text.AppendLine($"SARIMA: {b.Note}.");
        }

        AppendBest(text, rows, 1, ChapterBestNextDay, "next day");
        AppendBest(text, rows, BookProtocol.LongHorizon, ChapterBestFourteenDays, "14 days");
        return text.ToString();
    }

    private static string Details(BookRowResult r)
    {
        IEnumerable<string> parts = r.Seeds[0].Score.Details.Keys.Select(k => Invariant($"{k} {r.Seeds.Average(s => s.Score.Details[k]):N0}"));
        return $"- {r.Row.Label}: {string.Join(", ", parts)}";
    }

    // For our rows, the comparison is with the chapter's best model of the same horizon.
    private static string Versus(BookRowResult r)
    {
        double best = r.Row.Horizon == 1 ? ChapterBestNextDay : ChapterBestFourteenDays;
        return Invariant($"{r.Mean / best:0.000} of best");
    }

    private static void AppendBest(StringBuilder text, IReadOnlyList<BookRowResult> rows, int horizon, double chapterBest, string what)
    {
        BookRowResult? ours = rows.Where(r => !r.Row.IsChapterRow && r.Row.Horizon == horizon).MinBy(r => r.Mean);
        if (ours is null)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine(Invariant($"Best of ours, {what}: {ours.Row.Label}, {ours.Mean:N0} (seeds {ours.Min:N0} – {ours.Max:N0}) against the chapter's best {chapterBest:N0}: {(ours.Mean / chapterBest) - 1:+0.0%;−0.0%}{(ours.Max < chapterBest ? ", every seed below it" : string.Empty)}."));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
