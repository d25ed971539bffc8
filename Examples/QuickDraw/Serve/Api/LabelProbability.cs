namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>One label of a prediction.</summary>
/// <param name="Label">The class label.</param>
/// <param name="Probability">Its softmax probability.</param>
internal sealed record LabelProbability(string Label, float Probability);
