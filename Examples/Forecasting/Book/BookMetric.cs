namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>Which validation MAE a row reports (always in riders, on the row's validation windows).</summary>
internal enum BookMetric
{
    /// <summary>Every rail output: the next day, or the mean over the 14 days of a seq2vec forecast.</summary>
    Rail,

    /// <summary>Every output of every step of an aligned seq2seq model: Keras' <c>val_mae</c>, the chapter's seq2seq figure.</summary>
    AllSteps,

    /// <summary>The last step of an aligned seq2seq model, mean over its 14 days: the forecast it would make, comparable to seq2vec.</summary>
    LastStep,
}
