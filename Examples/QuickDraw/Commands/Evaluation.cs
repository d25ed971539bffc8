using System.Collections.Generic;
using QuickDrawDsl.Runtime.Training.Metrics;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>A run's test-split results.</summary>
internal sealed record Evaluation(IReadOnlyList<string> Categories, ConfusionMatrix Confusion, double Top3);
