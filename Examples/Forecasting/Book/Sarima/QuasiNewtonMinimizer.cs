using System;

namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>
/// BFGS with central-difference gradients and a backtracking (Armijo) line search: enough for the few smooth
/// parameters of a SARIMA likelihood. The caller maps bounded parameters to unconstrained ones, so every point the
/// minimiser tries is valid.
/// </summary>
internal static class QuasiNewtonMinimizer
{
    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/>.</summary>
    /// <param name="objective">The function; +∞ or NaN marks a point to step back from.</param>
    /// <param name="start">The starting point (not changed).</param>
    /// <param name="gradientTolerance">Stop when every gradient component is below this.</param>
    /// <param name="maxIterations">Stop after this many BFGS steps.</param>
    /// <returns>The minimum found.</returns>
    public static MinimizerResult Minimize(Func<double[], double> objective, double[] start, double gradientTolerance = 1e-7, int maxIterations = 200)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        int n = start.Length;
        double[] x = (double[])start.Clone();
        double fx = objective(x);
        if (!double.IsFinite(fx))
        {
            throw new ArgumentException("the objective is not finite at the starting point", nameof(start));
        }

        double[] g = Gradient(objective, x);
        double[,] h = Identity(n);
        int iteration = 0;
        bool converged = false;
        for (; iteration < maxIterations; iteration++)
        {
            if (MaxAbs(g) < gradientTolerance)
            {
                converged = true;
                break;
            }

            double[] direction = Multiply(h, g, -1);
            double slope = Dot(direction, g);
            if (slope >= 0)
            {
                h = Identity(n);
                direction = Multiply(h, g, -1);
                slope = Dot(direction, g);
            }

            double step = 1;
            double[] candidate = new double[n];
            double fCandidate = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving < 60; halving++)
            {
                for (int i = 0; i < n; i++)
                {
                    candidate[i] = x[i] + (step * direction[i]);
                }

                fCandidate = objective(candidate);
                if (double.IsFinite(fCandidate) && fCandidate <= fx + (1e-4 * step * slope))
                {
                    accepted = true;
                    break;
                }

                step *= 0.5;
            }

            if (!accepted)
            {
                // No decrease along a descent direction: the gradient is at its numerical noise floor.
                converged = MaxAbs(g) < gradientTolerance * 1e3;
                break;
            }

            double[] gCandidate = Gradient(objective, candidate);
            var s = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                s[i] = candidate[i] - x[i];
                y[i] = gCandidate[i] - g[i];
            }

            double sy = Dot(s, y);
            if (sy > 1e-16)
            {
                if (iteration == 0)
                {
                    double scale = sy / Dot(y, y);
                    h = Identity(n);
                    for (int i = 0; i < n; i++)
                    {
                        h[i, i] = scale;
                    }
                }

                Update(h, s, y, sy);
            }

            double change = fx - fCandidate;
            x = candidate;
            fx = fCandidate;
            g = gCandidate;
            if (change <= 1e-15 * Math.Max(1, Math.Abs(fx)) && MaxAbs(g) < gradientTolerance * 1e3)
            {
                converged = true;
                iteration++;
                break;
            }
        }

        return new MinimizerResult(x, fx, iteration, converged || MaxAbs(g) < gradientTolerance);
    }

    private static double[] Gradient(Func<double[], double> objective, double[] x)
    {
        var g = new double[x.Length];
        var probe = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(x[i]));
            probe[i] = x[i] + h;
            double up = objective(probe);
            probe[i] = x[i] - h;
            double down = objective(probe);
            probe[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }

        return g;
    }

    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀ s): the BFGS update of the inverse Hessian.
    private static void Update(double[,] h, double[] s, double[] y, double sy)
    {
        int n = s.Length;
        double rho = 1 / sy;
        double[] hy = Multiply(h, y, 1);
        double yhy = Dot(y, hy);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                h[i, j] += (((1 + (rho * yhy)) * rho * s[i] * s[j]) - (rho * ((hy[i] * s[j]) + (s[i] * hy[j]))));
            }
        }
    }

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            m[i, i] = 1;
        }

        return m;
    }

    private static double[] Multiply(double[,] m, double[] v, double sign)
    {
        var r = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            for (int j = 0; j < v.Length; j++)
            {
                r[i] += sign * m[i, j] * v[j];
            }
        }

        return r;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (double value in v)
        {
            m = Math.Max(m, Math.Abs(value));
        }

        return m;
    }
}
