using System.Collections.Generic;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>One row trained with one seed, scored with the weights of its best validation epoch.</summary>
/// <param name="Seed">The seed of the initial weights and the shuffling.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="BestEpoch">1-based epoch whose weights were restored.</param>
/// <param name="Epochs">Epochs run (early stopping included).</param>
/// <param name="StoppedEarly">Whether early stopping ended the run before the epoch limit.</param>
/// <param name="Score">The validation errors.</param>
/// <param name="History">Every epoch.</param>
/// <param name="Seconds">Wall-clock training time.</param>
internal sealed record BookSeedResult(int Seed, long Parameters, int BestEpoch, int Epochs, bool StoppedEarly, BookScore Score, IReadOnlyList<BookEpoch> History, double Seconds);
