using System;
using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>A row over all its seeds.</summary>
/// <param name="Row">The row.</param>
/// <param name="Seeds">One result per seed, in seed order.</param>
internal sealed record BookRowResult(BookRow Row, IReadOnlyList<BookSeedResult> Seeds)
{
    /// <summary>Mean validation MAE over the seeds.</summary>
    public double Mean => Seeds.Average(s => s.Score.Mae);

    /// <summary>Lowest validation MAE of a seed.</summary>
    public double Min => Seeds.Min(s => s.Score.Mae);

    /// <summary>Highest validation MAE of a seed.</summary>
    public double Max => Seeds.Max(s => s.Score.Mae);

    /// <summary>Sample standard deviation over the seeds (0 for one seed).</summary>
    public double StandardDeviation
    {
        get
        {
            if (Seeds.Count < 2)
            {
                return 0;
            }

            double mean = Mean;
            return Math.Sqrt(Seeds.Sum(s => (s.Score.Mae - mean) * (s.Score.Mae - mean)) / (Seeds.Count - 1));
        }
    }
}
