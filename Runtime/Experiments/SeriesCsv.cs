using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>One numeric column of a CSV file, in file order (a <c>data: {format: csv}</c> series).</summary>
/// <param name="Column">The column's name (from the header).</param>
/// <param name="Values">The values of the good rows, in file order.</param>
/// <param name="Report">Good rows are accepted; rows without a finite number in the column are bad records, counted and left out.</param>
public sealed record SeriesCsv(string Column, IReadOnlyList<double> Values, DataReadReport Report);
