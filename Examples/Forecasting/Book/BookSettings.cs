using System.Collections.Generic;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>What one run of <c>forecast book</c> does.</summary>
/// <param name="DataFile">The CTA ridership CSV.</param>
/// <param name="Seeds">The seeds every trained row is run with.</param>
/// <param name="Rows">Keys of the rows to run (null: all).</param>
/// <param name="MaxEpochs">Epoch limit per run (the chapter's: 500).</param>
/// <param name="Patience">Early-stopping patience in epochs (the chapter's: 50).</param>
/// <param name="OutputFolder">Where results.md, results.csv and epochs.csv go.</param>
internal sealed record BookSettings(string DataFile, IReadOnlyList<int> Seeds, IReadOnlyList<string>? Rows, int MaxEpochs, int Patience, string OutputFolder);
