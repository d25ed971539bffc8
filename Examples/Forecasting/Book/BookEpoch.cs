namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>One epoch of one seed of one row.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss (scaled units).</param>
/// <param name="ValidationMae">Keras' <c>val_mae</c>: every output of every validation window, in riders.</param>
internal sealed record BookEpoch(int Epoch, double TrainLoss, double ValidationMae);
