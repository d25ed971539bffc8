using System.Collections.Generic;
using QuickDrawDsl.Runtime.Training.Metrics;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary>Accuracy of a trained run on its held-out test clips.</summary>
/// <param name="Classes">Class names, index = label.</param>
/// <param name="Confusion">Actual × predicted counts.</param>
/// <param name="StillFrameAccuracy">Accuracy on the same clips with every frame replaced by the middle one: what appearance alone gives, without motion.</param>
internal sealed record Evaluation(IReadOnlyList<string> Classes, ConfusionMatrix Confusion, double StillFrameAccuracy);
