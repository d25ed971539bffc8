using System.Collections.Generic;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>A row's validation error in riders.</summary>
/// <param name="Mae">The MAE the row reports (its <see cref="BookMetric"/>).</param>
/// <param name="Details">Other MAEs of the same forecasts worth showing (e.g. bus for the multitask model), by name.</param>
internal sealed record BookScore(double Mae, IReadOnlyDictionary<string, double> Details);
