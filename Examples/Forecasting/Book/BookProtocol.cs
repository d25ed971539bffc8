using QuickDrawDsl.Runtime.Data.TimeSeries;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>
/// Hands-On ML (3rd edition), chapter 15's forecasting protocol for the CTA series: the fixed date splits, the scaling,
/// the window, the horizons, and the ranges its baselines are scored on.
/// </summary>
internal static class BookProtocol
{
    /// <summary>Input window in days.</summary>
    public const int Window = 56;

    /// <summary>The long horizon: the chapter's 14-days-at-once models.</summary>
    public const int LongHorizon = 14;

    /// <summary>Ridership is divided by this (millions of riders).</summary>
    public const double Scale = 1e6;

    /// <summary>Batch size.</summary>
    public const int BatchSize = 32;

    /// <summary>Epochs at most (early stopping ends most runs sooner).</summary>
    public const int MaxEpochs = 500;

    /// <summary>Early stopping: epochs without a lower validation MAE before training stops (the best weights are restored).</summary>
    public const int Patience = 50;

    /// <summary>SGD momentum of the chapter's models.</summary>
    public const double Momentum = 0.9;

    /// <summary>Training split: <c>df["2016-01":"2018-12"]</c>.</summary>
    public static DateRange TrainRange { get; } = DateRange.Parse("2016-01-01", "2018-12-31");

    /// <summary>Validation split: <c>df["2019-01":"2019-05"]</c>. Windows lie wholly inside it, so targets start on day 57.</summary>
    public static DateRange ValidationRange { get; } = DateRange.Parse("2019-01-01", "2019-05-31");

    /// <summary>The days the naive and SARIMA forecasts are scored on: <c>"2019-03":"2019-05"</c>.</summary>
    public static DateRange BaselineRange { get; } = DateRange.Parse("2019-03-01", "2019-05-31");

    /// <summary>SARIMA is refit every day on the series from this day up to the day before the one it forecasts.</summary>
    public static System.DateOnly SarimaOrigin { get; } = new(2019, 1, 1);
}
