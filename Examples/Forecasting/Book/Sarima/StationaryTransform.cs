using System;

namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>
/// Maps any real vector to the coefficients of a stationary autoregressive polynomial and back (Monahan, 1984: the
/// values become partial autocorrelations in (−1, 1), then coefficients by the Durbin–Levinson recursion), so an
/// unconstrained optimiser only ever sees stationary AR and invertible MA parts. The same maps as statsmodels'
/// <c>constrain_stationary_univariate</c> and <c>unconstrain_stationary_univariate</c>.
/// </summary>
internal static class StationaryTransform
{
    /// <summary>Unconstrained values to stationary AR coefficients φ (such that 1 − φ₁L − … has its roots outside the unit circle).</summary>
    public static double[] Constrain(ReadOnlySpan<double> unconstrained)
    {
        int n = unconstrained.Length;
        var y = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            double r = unconstrained[k] / Math.Sqrt(1 + (unconstrained[k] * unconstrained[k]));
            for (int i = 0; i < k; i++)
            {
                y[k, i] = y[k - 1, i] + (r * y[k - 1, k - i - 1]);
            }

            y[k, k] = r;
        }

        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = -y[n - 1, i];
        }

        return result;
    }

    /// <summary>The inverse of <see cref="Constrain"/>.</summary>
    public static double[] Unconstrain(ReadOnlySpan<double> constrained)
    {
        int n = constrained.Length;
        var y = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            y[n - 1, i] = -constrained[i];
        }

        for (int k = n - 1; k > 0; k--)
        {
            for (int i = 0; i < k; i++)
            {
                y[k - 1, i] = (y[k, i] - (y[k, k] * y[k, k - i - 1])) / (1 - (y[k, k] * y[k, k]));
            }
        }

        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = y[i, i];
            result[i] = r / Math.Sqrt(1 - (r * r));
        }

        return result;
    }

    /// <summary>Whether 1 − φ₁L − … − φ_pLᵖ is stationary (all partial autocorrelations strictly inside (−1, 1)).</summary>
    public static bool IsStationary(ReadOnlySpan<double> coefficients)
    {
        int n = coefficients.Length;
        var a = coefficients.ToArray();
        for (int k = n - 1; k >= 0; k--)
        {
            double r = a[k];
            if (!(Math.Abs(r) < 1))
            {
                return false;
            }

            var lower = new double[k];
            for (int i = 0; i < k; i++)
            {
                lower[i] = (a[i] + (r * a[k - 1 - i])) / (1 - (r * r));
            }

            a = lower;
        }

        return true;
    }
}
