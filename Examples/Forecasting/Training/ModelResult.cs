using System.Collections.Generic;
using QuickDrawDsl.Examples.Forecasting.Pipeline;

namespace QuickDrawDsl.Examples.Forecasting.Training;

/// <summary>What training one model produced, with the weights of its best validation epoch.</summary>
/// <param name="Spec">The model.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="BestEpoch">1-based epoch with the lowest validation MAE (its weights are the ones scored).</param>
/// <param name="Validation">Validation errors of the best epoch.</param>
/// <param name="Test">Test errors of the best epoch.</param>
/// <param name="ValidationForecasts">Validation forecasts <c>[N, 7]</c> in riders.</param>
/// <param name="TestForecasts">Test forecasts <c>[N, 7]</c> in riders.</param>
/// <param name="History">Every epoch.</param>
/// <param name="Seconds">Wall-clock training time.</param>
internal sealed record ModelResult(
    ForecastModelSpec Spec,
    long Parameters,
    int BestEpoch,
    HorizonErrors Validation,
    HorizonErrors Test,
    double[,] ValidationForecasts,
    double[,] TestForecasts,
    IReadOnlyList<EpochRecord> History,
    double Seconds);
