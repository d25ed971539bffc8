namespace QuickDrawDsl.Examples.Forecasting.Book.Sarima;

/// <summary>A fitted SARIMA model.</summary>
/// <param name="Order">The orders.</param>
/// <param name="Parameters">The maximum-likelihood estimates.</param>
/// <param name="LogLikelihood">The log-likelihood at the estimates.</param>
/// <param name="NextForecast">The forecast of the value after the last observation.</param>
/// <param name="Iterations">Optimiser steps.</param>
/// <param name="Converged">Whether the optimiser reached its gradient tolerance.</param>
internal sealed record SarimaFit(SarimaOrder Order, SarimaParameters Parameters, double LogLikelihood, double NextForecast, int Iterations, bool Converged);
