using System.Collections.Generic;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>Everything one <c>forecast book</c> run measured and wrote.</summary>
/// <param name="Settings">What was run.</param>
/// <param name="Baselines">The computed rows that were selected.</param>
/// <param name="Rows">The trained rows that were selected, each over every seed.</param>
/// <param name="Markdown">The table (also in <see cref="TableFile"/>).</param>
/// <param name="TableFile">results.md.</param>
/// <param name="SeedsFile">results.csv: one line per row and seed.</param>
/// <param name="HistoryFile">epochs.csv: every epoch of every run.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
internal sealed record BookReport(
    BookSettings Settings,
    IReadOnlyList<BookBaselineResult> Baselines,
    IReadOnlyList<BookRowResult> Rows,
    string Markdown,
    string TableFile,
    string SeedsFile,
    string HistoryFile,
    double Seconds);
