namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>A computed row (no training, so no seeds).</summary>
/// <param name="Key">The row key.</param>
/// <param name="Label">The row's name in the table.</param>
/// <param name="ChapterMae">The chapter's figure.</param>
/// <param name="Mae">Ours, in riders.</param>
/// <param name="Note">How it was computed.</param>
/// <param name="Seconds">Wall-clock time.</param>
internal sealed record BookBaselineResult(string Key, string Label, double ChapterMae, double Mae, string Note, double Seconds);
