using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>
/// A SARIMA model in state-space form, laid out as statsmodels' <c>SARIMAX</c> lays it out (differencing inside the
/// state vector, Harvey's representation of the ARMA part), with the same initialisation: the d + s·D differencing
/// states approximately diffuse (mean 0, variance 10⁶), the ARMA states from their stationary distribution, and the
/// first d + s·D observations left out of the likelihood. The Kalman filter then gives the exact Gaussian
/// log-likelihood under that initialisation and the one-step-ahead forecast.
/// </summary>
internal sealed class SarimaStateSpace
{
    /// <summary>The variance of the approximately diffuse differencing states (statsmodels' <c>initial_variance</c>).</summary>
    public const double DiffuseVariance = 1e6;

    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private readonly int states;
    private readonly (int Index, double Value)[] design;
    private readonly (int Row, int Column, double Value)[] transition;
    private readonly double[] selection;
    private readonly double variance;
    private readonly double[] initialCovariance;

    /// <summary>Builds the system matrices for one set of parameters.</summary>
    /// <param name="order">The orders.</param>
    /// <param name="parameters">The coefficients; the AR part must be stationary.</param>
    public SarimaStateSpace(SarimaOrder order, SarimaParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        order.Validate();
        int s = order.Period;
        int d = order.Diff;
        int seasonalD = order.SeasonalDiff;
        DifferencingStates = d + (s * seasonalD);
        ArmaStates = Math.Max(order.Ar + (order.SeasonalAr * s), order.Ma + (order.SeasonalMa * s) + 1);
        states = DifferencingStates + ArmaStates;
        variance = parameters.Variance;

        // (1 − φ(L))(1 − Φ(Lˢ)) and (1 + θ(L))(1 + Θ(Lˢ)).
        double[] ar = Multiply(Polynomial(parameters.Ar, 1, -1), Polynomial(parameters.SeasonalAr, s, -1));
        double[] ma = Multiply(Polynomial(parameters.Ma, 1, 1), Polynomial(parameters.SeasonalMa, s, 1));

        var z = new double[states];
        var t = new double[states, states];
        for (int i = 0; i < d; i++)
        {
            z[i] = 1;
        }

        for (int i = 0; i < seasonalD; i++)
        {
            z[d + (i * s) + s - 1] = 1;
        }

        z[DifferencingStates] = 1;

        // ARMA block: the reduced AR coefficients in the first column, ones on the superdiagonal.
        int a = DifferencingStates;
        for (int i = 0; i < ArmaStates; i++)
        {
            if (i + 1 < ar.Length)
            {
                t[a + i, a] = -ar[i + 1];
            }

            if (i + 1 < ArmaStates)
            {
                t[a + i, a + i + 1] = 1;
            }
        }

        // Seasonal differencing blocks: each keeps the last s values of its level, fed by the next block and the ARMA part.
        for (int block = 0; block < seasonalD; block++)
        {
            int start = d + (block * s);
            int end = start + s;
            t[start, start + s - 1] = 1;
            for (int i = 1; i < s; i++)
            {
                t[start + i, start + i - 1] = 1;
            }

            if (block + 1 < seasonalD)
            {
                t[start, end + s - 1] = 1;
            }

            t[start, a] = 1;
        }

        // Ordinary differencing: the upper triangle, the seasonal levels and the ARMA part feed each level.
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++)
            {
                t[i, j] = 1;
            }

            for (int block = 0; block < seasonalD; block++)
            {
                t[i, d + (block * s) + s - 1] = 1;
            }

            t[i, a] = 1;
        }

        selection = new double[states];
        selection[a] = 1;
        for (int i = 1; i < ma.Length && i < ArmaStates; i++)
        {
            selection[a + i] = ma[i];
        }

        var designEntries = new List<(int, double)>();
        var transitionEntries = new List<(int, int, double)>();
        for (int i = 0; i < states; i++)
        {
            if (z[i] != 0)
            {
                designEntries.Add((i, z[i]));
            }

            for (int j = 0; j < states; j++)
            {
                if (t[i, j] != 0)
                {
                    transitionEntries.Add((i, j, t[i, j]));
                }
            }
        }

        design = designEntries.ToArray();
        transition = transitionEntries.ToArray();
        initialCovariance = new double[states * states];
        for (int i = 0; i < DifferencingStates; i++)
        {
            initialCovariance[(i * states) + i] = DiffuseVariance;
        }

        double[] stationary = StationaryCovariance(t, a, ArmaStates, selection, variance);
        for (int i = 0; i < ArmaStates; i++)
        {
            for (int j = 0; j < ArmaStates; j++)
            {
                initialCovariance[((a + i) * states) + a + j] = stationary[(i * ArmaStates) + j];
            }
        }
    }

    /// <summary>d + s·D: the states that carry past levels; also the observations left out of the likelihood.</summary>
    public int DifferencingStates { get; }

    /// <summary>max(p + s·P, q + s·Q + 1): the states of the ARMA part.</summary>
    public int ArmaStates { get; }

    /// <summary>Runs the Kalman filter over <paramref name="series"/>.</summary>
    /// <param name="series">The observations, in their own units (the diffuse variance is absolute, as in statsmodels).</param>
    /// <returns>The log-likelihood of the observations after the first <see cref="DifferencingStates"/>, and the forecast of the next value.</returns>
    public SarimaFilterResult Filter(ReadOnlySpan<double> series)
    {
        int k = states;
        var state = new double[k];
        var next = new double[k];
        var cov = (double[])initialCovariance.Clone();
        var tp = new double[k * k];
        var pz = new double[k];
        double logLikelihood = 0;
        int counted = 0;
        for (int time = 0; time < series.Length; time++)
        {
            // Innovation v = y − Z a, its variance F = Z P Z'.
            double predicted = 0;
            foreach ((int i, double z) in design)
            {
                predicted += z * state[i];
            }

            Array.Clear(pz);
            foreach ((int i, double z) in design)
            {
                for (int r = 0; r < k; r++)
                {
                    pz[r] += cov[(r * k) + i] * z;
                }
            }

            double f = 0;
            foreach ((int i, double z) in design)
            {
                f += z * pz[i];
            }

            double v = series[time] - predicted;
            if (time >= DifferencingStates)
            {
                logLikelihood -= 0.5 * (LogTwoPi + Math.Log(f) + (v * v / f));
                counted++;
            }

            // Update: a += P Z' v / F, P −= P Z' Z P / F; then predict: a = T a, P = T P T' + R σ² R'.
            for (int r = 0; r < k; r++)
            {
                state[r] += pz[r] * v / f;
                for (int c = 0; c < k; c++)
                {
                    cov[(r * k) + c] -= pz[r] * pz[c] / f;
                }
            }

            Array.Clear(next);
            Array.Clear(tp);
            foreach ((int r, int c, double value) in transition)
            {
                next[r] += value * state[c];
                for (int j = 0; j < k; j++)
                {
                    tp[(r * k) + j] += value * cov[(c * k) + j];
                }
            }

            Array.Clear(cov);
            foreach ((int r, int c, double value) in transition)
            {
                for (int i = 0; i < k; i++)
                {
                    cov[(i * k) + r] += tp[(i * k) + c] * value;
                }
            }

            for (int r = 0; r < k; r++)
            {
                if (selection[r] == 0)
                {
                    continue;
                }

                for (int c = 0; c < k; c++)
                {
                    cov[(r * k) + c] += selection[r] * selection[c] * variance;
                }
            }

            (state, next) = (next, state);
        }

        double forecast = 0;
        foreach ((int i, double z) in design)
        {
            forecast += z * state[i];
        }

        return new SarimaFilterResult(logLikelihood, counted, forecast);
    }

    // Coefficients of 1 + sign·(c₁Lˢ + c₂L²ˢ + …).
    private static double[] Polynomial(IReadOnlyList<double> coefficients, int lag, double sign)
    {
        var p = new double[(coefficients.Count * lag) + 1];
        p[0] = 1;
        for (int i = 0; i < coefficients.Count; i++)
        {
            p[(i + 1) * lag] = sign * coefficients[i];
        }

        return p;
    }

    private static double[] Multiply(double[] x, double[] y)
    {
        var p = new double[x.Length + y.Length - 1];
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < y.Length; j++)
            {
                p[i + j] += x[i] * y[j];
            }
        }

        return p;
    }

    // The solution of P = T P T' + σ² R R' for the ARMA block, by the doubling algorithm:
    // P = Σₙ Tⁿ Q Tⁿ', summed in O(log n) steps (T is stable, so the terms vanish).
    private static double[] StationaryCovariance(double[,] t, int offset, int n, double[] selection, double variance)
    {
        var a = new double[n * n];
        var p = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[(i * n) + j] = t[offset + i, offset + j];
                p[(i * n) + j] = selection[offset + i] * selection[offset + j] * variance;
            }
        }

        var ap = new double[n * n];
        var product = new double[n * n];
        for (int iteration = 0; iteration < 64; iteration++)
        {
            double largest = 0;
            foreach (double value in a)
            {
                largest = Math.Max(largest, Math.Abs(value));
            }

            if (largest < 1e-18)
            {
                break;
            }

            MultiplyInto(a, p, ap, n, transposeRight: false);
            MultiplyInto(ap, a, product, n, transposeRight: true);
            for (int i = 0; i < p.Length; i++)
            {
                p[i] += product[i];
            }

            MultiplyInto(a, a, product, n, transposeRight: false);
            Array.Copy(product, a, a.Length);
        }

        return p;
    }

    private static void MultiplyInto(double[] left, double[] right, double[] result, int n, bool transposeRight)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int m = 0; m < n; m++)
                {
                    sum += left[(i * n) + m] * (transposeRight ? right[(j * n) + m] : right[(m * n) + j]);
                }

                result[(i * n) + j] = sum;
            }
        }
    }
}
