using System;
using System.Linq;

namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>
/// Maximum-likelihood fitting of a SARIMA model (the exact Gaussian likelihood of <see cref="SarimaStateSpace"/>):
/// AR parts kept stationary and MA parts invertible through <see cref="StationaryTransform"/>, σ² through its
/// logarithm, and the mean log-likelihood maximised by <see cref="QuasiNewtonMinimizer"/> from starting values
/// estimated on the differenced series, as statsmodels' <c>ARIMA(...).fit()</c> does.
/// </summary>
internal static class SarimaModel
{
    /// <summary>Fits <paramref name="order"/> to <paramref name="series"/>.</summary>
    /// <param name="series">The observations (at least d + s·D + 2 of them).</param>
    /// <param name="order">The orders.</param>
    /// <returns>The estimates, the log-likelihood and the forecast of the next value.</returns>
    /// <exception cref="ArgumentException">The series is too short or not finite.</exception>
    public static SarimaFit Fit(ReadOnlySpan<double> series, SarimaOrder order)
    {
        order.Validate();
        int burn = order.Diff + (order.SeasonalDiff * order.Period);
        if (series.Length < burn + order.ParameterCount + 1)
        {
            throw new ArgumentException($"{order} needs at least {burn + order.ParameterCount + 1} observations; got {series.Length}.", nameof(series));
        }

        foreach (double value in series)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("the series holds a missing or infinite value", nameof(series));
            }
        }

        double[] data = series.ToArray();
        double Objective(double[] x)
        {
            SarimaFilterResult r = new SarimaStateSpace(order, Constrain(order, x)).Filter(data);
            return -r.LogLikelihood / r.Observations;
        }

        MinimizerResult best = QuasiNewtonMinimizer.Minimize(Objective, Unconstrain(StartingValues(data, order)));
        SarimaParameters estimates = Constrain(order, best.Point.ToArray());
        SarimaFilterResult filtered = new SarimaStateSpace(order, estimates).Filter(data);
        return new SarimaFit(order, estimates, filtered.LogLikelihood, filtered.NextForecast, best.Iterations, best.Converged);
    }

    /// <summary>Optimiser coordinates to parameters: stationary φ and Φ, invertible θ and Θ, σ² = eˣ.</summary>
    internal static SarimaParameters Constrain(SarimaOrder order, double[] x)
    {
        int at = 0;
        double[] ar = StationaryTransform.Constrain(x.AsSpan(at, order.Ar));
        at += order.Ar;
        double[] ma = Negate(StationaryTransform.Constrain(x.AsSpan(at, order.Ma)));
        at += order.Ma;
        double[] seasonalAr = StationaryTransform.Constrain(x.AsSpan(at, order.SeasonalAr));
        at += order.SeasonalAr;
        double[] seasonalMa = Negate(StationaryTransform.Constrain(x.AsSpan(at, order.SeasonalMa)));
        at += order.SeasonalMa;
        return new SarimaParameters(ar, ma, seasonalAr, seasonalMa, Math.Exp(x[at]));
    }

    /// <summary>The inverse of <see cref="Constrain"/>.</summary>
    internal static double[] Unconstrain(SarimaParameters p) =>
    [
        .. StationaryTransform.Unconstrain(p.Ar.ToArray()),
        .. StationaryTransform.Unconstrain(Negate(p.Ma.ToArray())),
        .. StationaryTransform.Unconstrain(p.SeasonalAr.ToArray()),
        .. StationaryTransform.Unconstrain(Negate(p.SeasonalMa.ToArray())),
        Math.Log(p.Variance),
    ];

    /// <summary>
    /// Starting values: the differenced series' AR coefficients by least squares on its own lags (zero when that is
    /// not stationary, or without AR terms), MA terms at zero, σ² the residual variance.
    /// </summary>
    internal static SarimaParameters StartingValues(double[] series, SarimaOrder order)
    {
        double[] w = series;
        for (int i = 0; i < order.Diff; i++)
        {
            w = Difference(w, 1);
        }

        for (int i = 0; i < order.SeasonalDiff; i++)
        {
            w = Difference(w, order.Period);
        }

        double mean = w.Average();
        double[] centered = w.Select(v => v - mean).ToArray();
        double[] ar = LeastSquaresAr(centered, order.Ar);
        if (!StationaryTransform.IsStationary(ar))
        {
            ar = new double[order.Ar];
        }

        double[] seasonalAr = new double[order.SeasonalAr];
        double residualVariance = 0;
        int count = 0;
        for (int t = order.Ar; t < centered.Length; t++)
        {
            double e = centered[t];
            for (int i = 0; i < order.Ar; i++)
            {
                e -= ar[i] * centered[t - i - 1];
            }

            residualVariance += e * e;
            count++;
        }

        residualVariance = count > 0 && residualVariance > 0 ? residualVariance / count : 1;
        return new SarimaParameters(ar, new double[order.Ma], seasonalAr, new double[order.SeasonalMa], residualVariance);
    }

    private static double[] LeastSquaresAr(double[] w, int p)
    {
        if (p == 0 || w.Length <= 2 * p)
        {
            return new double[p];
        }

        // Normal equations XᵀX φ = Xᵀy with X the p lags of y; solved by Gaussian elimination with pivoting.
        var a = new double[p, p + 1];
        for (int t = p; t < w.Length; t++)
        {
            for (int i = 0; i < p; i++)
            {
                for (int j = 0; j < p; j++)
                {
                    a[i, j] += w[t - i - 1] * w[t - j - 1];
                }

                a[i, p] += w[t - i - 1] * w[t];
            }
        }

        for (int col = 0; col < p; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < p; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-300)
            {
                return new double[p];
            }

            for (int c = 0; c <= p; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            for (int r = 0; r < p; r++)
            {
                if (r == col)
                {
                    continue;
                }

                double factor = a[r, col] / a[col, col];
                for (int c = col; c <= p; c++)
                {
                    a[r, c] -= factor * a[col, c];
                }
            }
        }

        var phi = new double[p];
        for (int i = 0; i < p; i++)
        {
            phi[i] = a[i, p] / a[i, i];
        }

        return phi;
    }

    private static double[] Difference(double[] x, int lag) =>
        x.Length <= lag ? [] : Enumerable.Range(lag, x.Length - lag).Select(t => x[t] - x[t - lag]).ToArray();

    private static double[] Negate(double[] x) => x.Select(v => -v).ToArray();
}
