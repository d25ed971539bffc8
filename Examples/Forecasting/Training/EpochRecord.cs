namespace QuickDrawDsl.Examples.Forecasting.Training;

/// <summary>One training epoch of one model.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss (scaled units).</param>
/// <param name="ValidationMae">Validation MAE in riders, averaged over the 7 horizons.</param>
internal sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationMae);
