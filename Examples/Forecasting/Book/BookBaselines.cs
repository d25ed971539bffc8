using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using QuickDrawDsl.Examples.Forecasting.Book.Sarima;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>The chapter's two computed forecasts of rail over 2019-03..05.</summary>
internal static class BookBaselines
{
    /// <summary>Naive: every day forecast as the value 7 days earlier (<c>df.diff(7)["2019-03":"2019-05"].abs().mean()</c>).</summary>
    public static BookBaselineResult Naive(BookData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        double mae = data.NaiveMae("rail", BookProtocol.BaselineRange);
        return new BookBaselineResult(BookCatalog.Naive, "naive (value 7 days earlier), 2019-03..05", BookCatalog.ChapterNaiveMae, mae, "computed", clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// SARIMA(1,0,0)(0,1,1,7) refit every day: the forecast of day d comes from a model fitted by maximum likelihood to
    /// rail from 2019-01-01 to day d − 1, as the chapter's loop over <c>ARIMA(...).fit().forecast()</c> does.
    /// </summary>
    public static BookBaselineResult Sarima(BookData data, out IReadOnlyList<SarimaFit> fits)
    {
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<double> rail = data.Table.Column("rail");
        double[] series = [.. rail];
        int origin = data.Table.IndexOf(BookProtocol.SarimaOrigin);
        int first = data.Table.IndexOf(BookProtocol.BaselineRange.From);
        int last = data.Table.IndexOf(BookProtocol.BaselineRange.To);
        var all = new List<SarimaFit>();
        double sum = 0;
        for (int day = first; day <= last; day++)
        {
            SarimaFit fit = SarimaModel.Fit(series.AsSpan(origin, day - origin), SarimaOrder.Chapter);
            all.Add(fit);
            sum += Math.Abs(fit.NextForecast - series[day]);
        }

        fits = all;
        double mae = sum / all.Count;
        int unconverged = all.FindAll(f => !f.Converged).Count;
        string note = string.Create(
            CultureInfo.InvariantCulture,
            $"{all.Count} exact maximum-likelihood fits (Kalman filter, statsmodels' state space and initialisation); last day: {all[^1].Parameters}{(unconverged > 0 ? $"; {unconverged} fits stopped before the gradient tolerance" : string.Empty)}");
        return new BookBaselineResult(BookCatalog.Sarima, "SARIMA(1,0,0)(0,1,1,7), refit daily, 2019-03..05", BookCatalog.ChapterSarimaMae, mae, note, clock.Elapsed.TotalSeconds);
    }
}
