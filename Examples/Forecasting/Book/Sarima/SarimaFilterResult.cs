namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>What one pass of the Kalman filter gives.</summary>
/// <param name="LogLikelihood">The Gaussian log-likelihood of the observations after the burn-in.</param>
/// <param name="Observations">The observations counted in <paramref name="LogLikelihood"/>.</param>
/// <param name="NextForecast">The one-step-ahead forecast of the value after the last observation.</param>
internal sealed record SarimaFilterResult(double LogLikelihood, int Observations, double NextForecast);
