using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Models.Book;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>
/// The rows of the book table, in the chapter's order: its two computed baselines, its trained models with its
/// learning rates, then ours on the same protocol.
/// </summary>
internal static class BookCatalog
{
    /// <summary>The naive forecast's key.</summary>
    public const string Naive = "naive";

    /// <summary>The SARIMA forecast's key.</summary>
    public const string Sarima = "sarima";

    /// <summary>The chapter's naive MAE over 2019-03..05.</summary>
    public const double ChapterNaiveMae = 42_143;

    /// <summary>The chapter's SARIMA(1,0,0)(0,1,1,7) MAE, refit daily over 2019-03..05.</summary>
    public const double ChapterSarimaMae = 32_041;

    /// <summary>The trained rows.</summary>
    public static IReadOnlyList<BookRow> Trained { get; } =
    [
        new("linear", "linear model on the 56-day window", nameof(BookLinear), 37_866, BookInputs.Rail, BookTask.NextDay, BookMetric.Rail, BookRecipe.Chapter(0.02), () => new BookLinear()),
        new("rnn1", "SimpleRNN with one unit", nameof(BookSimpleRnn1), 102_787, BookInputs.Rail, BookTask.NextDay, BookMetric.Rail, BookRecipe.Chapter(0.02), () => new BookSimpleRnn1()),
        new("rnn32", "SimpleRNN 32 + Dense 1", nameof(BookSimpleRnn32), 29_015, BookInputs.Rail, BookTask.NextDay, BookMetric.Rail, BookRecipe.Chapter(0.05), () => new BookSimpleRnn32()),
        new("deep-rnn", "deep SimpleRNN (32, 32, 1)", nameof(BookDeepSimpleRnn), 31_211, BookInputs.Rail, BookTask.NextDay, BookMetric.Rail, BookRecipe.Chapter(0.01), () => new BookDeepSimpleRnn()),
        new("multivariate", "multivariate (bus, rail, next day type) SimpleRNN 32", nameof(BookMultivariateSimpleRnn), 22_062, BookInputs.BusRailNextDayType, BookTask.NextDay, BookMetric.Rail, BookRecipe.Chapter(0.05), () => new BookMultivariateSimpleRnn()),
        new("multitask", "multitask (bus and rail) SimpleRNN 32, rail", nameof(BookMultitaskSimpleRnn), 25_330, BookInputs.BusRailNextDayType, BookTask.NextDayBusAndRail, BookMetric.Rail, BookRecipe.Chapter(0.02), () => new BookMultitaskSimpleRnn()),
        new("seq2vec-14", "14 days ahead at once (seq2vec SimpleRNN 32, Dense 14)", nameof(BookSeq2VecSimpleRnn), 35_017, BookInputs.BusRailNextDayType, BookTask.Next14Days, BookMetric.Rail, BookRecipe.Chapter(0.02), () => new BookSeq2VecSimpleRnn()),
        new("seq2seq-14", "seq2seq SimpleRNN 32, 14 ahead at every step", nameof(BookSeq2SeqSimpleRnn), 45_929, BookInputs.BusRailNextDayType, BookTask.Next14DaysAtEveryStep, BookMetric.AllSteps, BookRecipe.Chapter(0.1), () => new BookSeq2SeqSimpleRnn()),

        new("wavenet-14", "WaveNet (causal Conv1D 32, rates 1, 2, 4, 8 twice), 14 ahead at every step", nameof(BookWaveNet14), null, BookInputs.BusRailNextDayType, BookTask.Next14DaysAtEveryStep, BookMetric.AllSteps, BookRecipe.Chapter(0.1), () => new BookWaveNet14(), ChapterModel: true),

        new("lstm", "ours: LSTM 32 + Dense 1 (multivariate inputs)", nameof(BookLstm), null, BookInputs.BusRailNextDayType, BookTask.NextDay, BookMetric.Rail, Ours, () => new BookLstm()),
        new("conv-gru", "ours: Conv1D 32×7 + GRU 32 + Dense 1 (multivariate inputs)", nameof(BookConvGru), null, BookInputs.BusRailNextDayType, BookTask.NextDay, BookMetric.Rail, Ours, () => new BookConvGru()),
        new("seq2seq-lstm-14", "ours: aligned seq2seq LSTM 32, last step's 14 days (multivariate inputs)", nameof(BookLstmSeq2Seq14), null, BookInputs.BusRailNextDayType, BookTask.Next14DaysAtEveryStep, BookMetric.LastStep, Ours, () => new BookLstmSeq2Seq14()),
        new("encoder-decoder-14", "ours: GRU encoder–decoder, 14 decoder steps (multivariate inputs)", nameof(BookEncoderDecoder14), null, BookInputs.BusRailNextDayType, BookTask.Next14Days, BookMetric.Rail, Ours, () => new BookEncoderDecoder14(), FreeRunningDecoder: true),
    ];

    /// <summary>Every row key, baselines first, in table order.</summary>
    public static IReadOnlyList<string> Keys { get; } = [Naive, Sarima, .. Trained.Select(r => r.Key)];

    // Our recipe: Adam, trained on the metric itself, gradients clipped; PyTorch's initialisation.
    private static BookRecipe Ours => new(OptimizerKind.Adam, 3e-3, LossKind.Mae, KerasInitialization: false, ClipGradientNorm: 1.0);

    /// <summary>Checks <c>--rows</c>; null or empty selects every row.</summary>
    /// <param name="keys">The requested keys.</param>
    /// <returns>The keys in table order.</returns>
    /// <exception cref="UserError">A key is unknown.</exception>
    public static IReadOnlyList<string> Select(IReadOnlyList<string>? keys)
    {
        if (keys is null || keys.Count == 0)
        {
            return Keys;
        }

        string[] unknown = keys.Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new UserError($"Unknown row {string.Join(", ", unknown.Select(u => "'" + u + "'"))} in --rows; choose from {string.Join(", ", Keys)}.");
        }

        return Keys.Where(k => keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
    }
}
