using System.Collections.Generic;

namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>Where <see cref="QuasiNewtonMinimizer"/> stopped.</summary>
/// <param name="Point">The minimising point.</param>
/// <param name="Value">The objective there.</param>
/// <param name="Iterations">BFGS steps taken.</param>
/// <param name="Converged">Whether the gradient fell below the tolerance (or no further decrease was possible at its noise floor).</param>
internal sealed record MinimizerResult(IReadOnlyList<double> Point, double Value, int Iterations, bool Converged);
