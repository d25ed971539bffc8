using System;
using System.Globalization;

namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>The orders of a seasonal ARIMA model, SARIMA(p, d, q)(P, D, Q, s).</summary>
/// <param name="Ar">p: autoregressive lags.</param>
/// <param name="Diff">d: ordinary differences.</param>
/// <param name="Ma">q: moving-average lags.</param>
/// <param name="SeasonalAr">P: seasonal autoregressive lags (multiples of <paramref name="Period"/>).</param>
/// <param name="SeasonalDiff">D: seasonal differences.</param>
/// <param name="SeasonalMa">Q: seasonal moving-average lags.</param>
/// <param name="Period">s: the season length (0 or 1 without seasonal terms).</param>
internal readonly record struct SarimaOrder(int Ar, int Diff, int Ma, int SeasonalAr, int SeasonalDiff, int SeasonalMa, int Period)
{
    /// <summary>The chapter's model for daily rail ridership: SARIMA(1, 0, 0)(0, 1, 1, 7).</summary>
    public static SarimaOrder Chapter { get; } = new(1, 0, 0, 0, 1, 1, 7);

    /// <summary>Estimated parameters: p + q + P + Q coefficients and the innovation variance.</summary>
    public int ParameterCount => Ar + Ma + SeasonalAr + SeasonalMa + 1;

    /// <summary>Throws when an order is negative or seasonal terms have no period.</summary>
    /// <exception cref="ArgumentException">The orders do not describe a model.</exception>
    public void Validate()
    {
        if (Ar < 0 || Diff < 0 || Ma < 0 || SeasonalAr < 0 || SeasonalDiff < 0 || SeasonalMa < 0 || Period < 0)
        {
            throw new ArgumentException($"{this}: orders must not be negative.");
        }

        if (Period < 2 && SeasonalAr + SeasonalDiff + SeasonalMa > 0)
        {
            throw new ArgumentException($"{this}: seasonal terms need a period of at least 2.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"SARIMA({Ar},{Diff},{Ma})({SeasonalAr},{SeasonalDiff},{SeasonalMa},{Period})");
}
