using System;
using TorchSharp;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>One trained row of the table: a generated model from <c>Models/Book/*.model.yaml</c>, its data and its recipe.</summary>
/// <param name="Key">The name used by <c>--rows</c>.</param>
/// <param name="Label">The row's name in the table.</param>
/// <param name="Spec">The YAML spec's model name.</param>
/// <param name="ChapterMae">The chapter's validation MAE for this row (null for our own rows and for a chapter model whose figure the chapter does not print).</param>
/// <param name="Inputs">The input features.</param>
/// <param name="Task">The targets.</param>
/// <param name="Metric">The MAE reported.</param>
/// <param name="Recipe">How it is trained.</param>
/// <param name="Create">Builds a fresh module (after the seed is set).</param>
/// <param name="FreeRunningDecoder">For an encoder–decoder: train it fed its own forecasts, as it forecasts (not teacher-forced).</param>
/// <param name="ChapterModel">The chapter's model and recipe even without a printed figure (its WaveNet), so it is not one of ours.</param>
internal sealed record BookRow(
    string Key,
    string Label,
    string Spec,
    double? ChapterMae,
    BookInputs Inputs,
    BookTask Task,
    BookMetric Metric,
    BookRecipe Recipe,
    Func<torch.nn.Module<torch.Tensor, torch.Tensor>> Create,
    bool FreeRunningDecoder = false,
    bool ChapterModel = false)
{
    /// <summary>Whether the row reproduces one of the chapter's.</summary>
    public bool IsChapterRow => ChapterMae is not null || ChapterModel;

    /// <summary>Days forecast: 1 or 14.</summary>
    public int Horizon => Task is BookTask.Next14Days or BookTask.Next14DaysAtEveryStep ? BookProtocol.LongHorizon : 1;
}
