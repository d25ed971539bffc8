using System.Globalization;
using System.Linq;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>One line of <c>predict</c>'s output for a classified input: its number, then label and probability of each of the top classes, tab-separated.</summary>
internal static class PredictionLine
{
    /// <summary>Formats the line.</summary>
    /// <param name="number">The input's number, from 1.</param>
    /// <param name="prediction">The model's prediction for it.</param>
    /// <param name="top">How many classes to list.</param>
    /// <returns>The line, without its line break.</returns>
    public static string Format(int number, ClassPrediction prediction, int top) =>
        string.Join('\t', [number.ToString(CultureInfo.InvariantCulture), .. prediction.Top(top).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Label}\t{s.Probability:0.####}"))]);
}
