using System.Globalization;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// One line of <c>predict</c>'s output for a classified input (its number, then label and probability of each of the top
/// classes, tab-separated), and the clause that says why an input gave none: what a project's
/// <see cref="ExperimentFormat.Predict"/> prints, so that its lines read like the built-in formats'.
/// </summary>
public static class PredictionLine
{
    /// <summary>Formats the line.</summary>
    /// <param name="number">The input's number, from 1.</param>
    /// <param name="prediction">The model's prediction for it.</param>
    /// <param name="top">How many classes to list.</param>
    /// <returns>The line, without its line break.</returns>
    public static string Format(int number, ClassPrediction prediction, int top) =>
        string.Join('\t', [number.ToString(CultureInfo.InvariantCulture), .. prediction.Top(top).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Label}\t{s.Probability:0.####}"))]);

    /// <summary>
    /// " (records read: accepted, bad by kind; the first, line N: why)" when the reader skipped records, else nothing: an input of nothing but bad records gets one
    /// error line that says so, not a skipped-records line and then the error.
    /// </summary>
    /// <param name="report">The reader's report.</param>
    /// <returns>The clause, with its leading space, or an empty string.</returns>
    public static string Skipped(DataReadReport report) =>
        report.BadRecords > 0
            ? string.Create(CultureInfo.InvariantCulture, $" ({DataReport.Counts(report)}{(report.Examples.Count > 0 ? $"; the first, {report.Examples[0].Unit} {report.Examples[0].Index}: {report.Examples[0].Reason}" : string.Empty)})")
            : string.Empty;
}
