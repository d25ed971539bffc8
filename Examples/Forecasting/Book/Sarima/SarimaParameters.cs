using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>
/// The coefficients of a SARIMA model, in statsmodels' sign convention:
/// <c>(1 − φ₁L − …)(1 − Φ₁Lˢ − …) Δᵈ Δₛᴰ y_t = (1 + θ₁L + …)(1 + Θ₁Lˢ + …) ε_t</c>, <c>ε_t ~ N(0, σ²)</c>.
/// </summary>
/// <param name="Ar">φ₁ … φ_p.</param>
/// <param name="Ma">θ₁ … θ_q.</param>
/// <param name="SeasonalAr">Φ₁ … Φ_P.</param>
/// <param name="SeasonalMa">Θ₁ … Θ_Q.</param>
/// <param name="Variance">σ², the innovation variance.</param>
internal sealed record SarimaParameters(IReadOnlyList<double> Ar, IReadOnlyList<double> Ma, IReadOnlyList<double> SeasonalAr, IReadOnlyList<double> SeasonalMa, double Variance)
{
    /// <summary>The parameters as one vector, in the order φ, θ, Φ, Θ, σ² (statsmodels' order).</summary>
    public double[] ToVector() => [.. Ar, .. Ma, .. SeasonalAr, .. SeasonalMa, Variance];

    /// <summary>Reads a vector in the order of <see cref="ToVector"/>.</summary>
    /// <param name="order">The model orders.</param>
    /// <param name="vector">φ, θ, Φ, Θ, σ².</param>
    /// <returns>The parameters.</returns>
    public static SarimaParameters FromVector(SarimaOrder order, IReadOnlyList<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.Count != order.ParameterCount)
        {
            throw new ArgumentException($"{order} has {order.ParameterCount} parameters; got {vector.Count}.", nameof(vector));
        }

        int at = 0;
        double[] Take(int n)
        {
            double[] part = vector.Skip(at).Take(n).ToArray();
            at += n;
            return part;
        }

        return new SarimaParameters(Take(order.Ar), Take(order.Ma), Take(order.SeasonalAr), Take(order.SeasonalMa), vector[^1]);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string>();
        parts.AddRange(Ar.Select((v, i) => Invariant($"φ{i + 1} {v:0.0000}")));
        parts.AddRange(Ma.Select((v, i) => Invariant($"θ{i + 1} {v:0.0000}")));
        parts.AddRange(SeasonalAr.Select((v, i) => Invariant($"Φ{i + 1} {v:0.0000}")));
        parts.AddRange(SeasonalMa.Select((v, i) => Invariant($"Θ{i + 1} {v:0.0000}")));
        parts.Add(Invariant($"σ² {Variance:0.####e+0}"));
        return string.Join(", ", parts);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
